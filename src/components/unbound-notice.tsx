/** Shown to a WeChat user whose OPENID is not yet bound to a member of any branch. */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PAGES } from '../routes'
import { usesDevLogin } from '../services/session'
import { Button } from './nut'

export function UnboundNotice() {
  return (
    <View className="panel" id="unbound-notice">
      <Text>
        你的微信还没有绑定党员身份。请向所在支部的书记索取邀请码或二维码，扫码后核对姓名与手机号即可完成绑定。
      </Text>
      {usesDevLogin && (
        <View className="actions">
          <Button type="primary" onClick={() => Taro.reLaunch({ url: PAGES.login })}>
            选择演示账号
          </Button>
        </View>
      )}
    </View>
  )
}
