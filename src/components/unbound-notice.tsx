/**
 * Shown to a WeChat user whose OPENID is not yet bound to a member of any branch: how to bind, and
 * where to type the invitation code.
 */
import { Text, View } from '@tarojs/components'
import { usesDevLogin } from '../services/session'
import { navigate, relaunch } from '../services/navigation'
import { Button } from './nut'

export function UnboundNotice() {
  return (
    <View className="panel" id="unbound-notice">
      <Text>
        你的微信还没有绑定党员身份。请向所在支部的书记或组织委员索取邀请：扫描邀请二维码，或点下面的按钮输入邀请码，核对姓名与支部登记的完整手机号即可完成绑定。
      </Text>
      <View className="actions">
        <Button id="go-bind" type="primary" block onClick={() => navigate('bind')}>
          输入邀请码绑定
        </Button>
        {usesDevLogin && (
          <Button id="go-login" block onClick={() => relaunch('login')}>
            改用演示账号
          </Button>
        )}
      </View>
    </View>
  )
}
