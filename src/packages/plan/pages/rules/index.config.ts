export default definePageConfig({ navigationBarTitleText: '会议规则' })
