import { appPages, pagePath } from './domain/pages'

// Taro's config loader bundles this file with its imports (esbuild) at build time: the pages and
// subpackages come from the page table. Launch and tab pages are the main package; everything else
// lives in subpackages.
const { pages, subPackages } = appPages()

export default defineAppConfig({
  pages,
  subPackages,
  // In the browser pages switch without sliding: a PC user gains nothing from it, and a screenshot
  // or a test never catches a page half-way in.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  // WeChat asks before the first use: 签到 checks the member is at the venue; 报到 keeps only the city.
  // `__usePrivacyCheck__`: privacy APIs wait for the 用户隐私保护指引 to be agreed (services/privacy.ts).
  ...(process.env.TARO_ENV === 'weapp'
    ? {
        __usePrivacyCheck__: true,
        requiredPrivateInfos: ['getLocation', 'chooseLocation'],
        permission: { 'scope.userLocation': { desc: '签到时确认你在会场范围内，流动党员报到时填写所在城市' } },
      }
    : {}),
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f5f5',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '党支部组织生活',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: pagePath('home'),
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: pagePath('meetings'),
        text: '会议',
        iconPath: 'assets/tab/meetings.png',
        selectedIconPath: 'assets/tab/meetings-active.png',
      },
      {
        pagePath: pagePath('me'),
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
})
