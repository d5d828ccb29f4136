export default definePageConfig({ navigationBarTitleText: '党员状态' })
