export default definePageConfig({ navigationBarTitleText: '会议月历' })
