import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import './app.scss'

if (process.env.TARO_ENV === 'weapp') {
  // The cloud environment the mini-program was uploaded with; WeChat passes OPENID to every call.
  Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
}

function App({ children }: PropsWithChildren) {
  return children
}

export default App
