export default definePageConfig({ navigationBarTitleText: '网页版登录' })
