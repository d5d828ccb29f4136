import Taro from '@tarojs/taro'
import { createElement, Fragment, type ComponentType, type PropsWithChildren } from 'react'
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

// The desk layout's frame (side navigation, page bar) exists only in the browser build: required
// under the build's constant, so the WeChat bundle has none of it.
const DeskShell: ComponentType | null =
  process.env.TARO_ENV === 'h5'
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/no-var-requires
      (require('./components/desk-shell') as typeof import('./components/desk-shell')).DeskShell
    : null

function App({ children }: PropsWithChildren) {
  return DeskShell ? createElement(Fragment, null, createElement(DeskShell), children) : children
}

export default App
