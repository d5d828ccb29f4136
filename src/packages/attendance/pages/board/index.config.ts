export default definePageConfig({ navigationBarTitleText: '签到看板' })
