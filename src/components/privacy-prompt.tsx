/**
 * The 用户隐私保护指引 prompt WeChat asks for before a privacy API runs (services/privacy.ts). Put it
 * on every page that takes a position, a photo or a file; it shows only while WeChat waits for an
 * answer, and only on the page on top. The agree button must be WeChat's own
 * `<button open-type="agreePrivacyAuthorization">`: WeChat checks it was tapped.
 */
import { Button, Text, View } from '@tarojs/components'
import {
  agreePrivacy,
  disagreePrivacy,
  openPrivacyContract,
  PRIVACY_AGREE_BUTTON_ID,
  usePrivacyRequest,
} from '../services/privacy'
import './privacy-prompt.scss'

/** What the app collects and why, as declared in 微信公众平台 (docs/deploy.md lists the same). */
const USES: [string, string][] = [
  ['位置信息', '签到时确认你在会场范围内；书记设置会场签到地点；流动党员报到时填写所在城市（只保存城市）'],
  ['照片', '会议记录的现场照片、报到时附的照片'],
  ['文件', '书记从聊天中选择花名册文件导入成员'],
  ['姓名、手机号', '支部花名册，用于核对身份、绑定微信和联系党员'],
]

export function PrivacyPrompt() {
  const request = usePrivacyRequest()
  if (!request) return null
  return (
    <View className="privacy-prompt" id="privacy-prompt">
      <View className="privacy-prompt__card">
        <Text className="privacy-prompt__title">用户隐私保护指引</Text>
        <Text className="privacy-prompt__text">
          使用这项功能前，请阅读并同意{request.contractName}。本小程序会处理以下信息，只用于支部组织生活：
        </Text>
        {USES.map(([what, why]) => (
          <Text key={what} className="privacy-prompt__item">
            · {what}：{why}
          </Text>
        ))}
        <Text className="privacy-prompt__link" id="privacy-contract" onClick={openPrivacyContract}>
          查看完整的{request.contractName}
        </Text>
        <View className="privacy-prompt__actions">
          <Button className="privacy-prompt__refuse" id="privacy-disagree" onClick={disagreePrivacy}>
            不同意
          </Button>
          <Button
            className="privacy-prompt__agree"
            id={PRIVACY_AGREE_BUTTON_ID}
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={agreePrivacy}
          >
            同意并继续
          </Button>
        </View>
        <Text className="privacy-prompt__hint">不同意也可以继续使用其他功能；需要时会再次询问。</Text>
      </View>
    </View>
  )
}
