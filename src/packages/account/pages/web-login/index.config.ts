export default definePageConfig({ navigationBarTitleText: '确认网页版登录' })
