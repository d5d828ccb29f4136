import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { startOutbox } from './services/outbox'
import { startPrivacyCheck } from './services/privacy'
import './app.scss'

if (process.env.TARO_ENV === 'weapp') {
  // The cloud environment the mini-program was uploaded with; WeChat passes OPENID to every call.
  Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
  // Before any page can call a privacy API: WeChat asks this handler for the 隐私保护指引 prompt.
  startPrivacyCheck()
}

// Writes made without a network (sign-ins, 报到) are sent when it returns or the app comes back.
startOutbox()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
