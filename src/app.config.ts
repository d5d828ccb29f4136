export default defineAppConfig({
  // Launch and tab pages only; everything else lives in subpackages.
  pages: ['pages/index/index', 'pages/meetings/index', 'pages/me/index', 'pages/login/index'],
  subPackages: [
    {
      root: 'packages/meeting',
      pages: ['pages/detail/index', 'pages/schedule/index'],
    },
    {
      root: 'packages/roster',
      pages: [
        'pages/list/index',
        'pages/member/index',
        'pages/edit/index',
        'pages/invite/index',
        'pages/bind/index',
        'pages/import/index',
        'pages/orgs/index',
      ],
    },
    {
      root: 'packages/attendance',
      pages: ['pages/code/index', 'pages/signin/index', 'pages/board/index', 'pages/leave/index'],
    },
    {
      root: 'packages/minutes',
      pages: ['pages/edit/index', 'pages/view/index', 'pages/book/index'],
    },
    {
      root: 'packages/plan',
      pages: ['pages/plan/index', 'pages/calendar/index', 'pages/messages/index', 'pages/rules/index'],
    },
    {
      root: 'packages/mobile',
      pages: [
        'pages/home/index',
        'pages/checkin/index',
        'pages/report/index',
        'pages/list/index',
        'pages/member/index',
        'pages/makeup/index',
      ],
    },
  ],
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
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/meetings/index',
        text: '会议',
        iconPath: 'assets/tab/meetings.png',
        selectedIconPath: 'assets/tab/meetings-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
})
