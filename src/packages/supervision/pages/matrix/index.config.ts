export default definePageConfig({ navigationBarTitleText: '组织生活监督', enablePullDownRefresh: false })
