export default definePageConfig({ navigationBarTitleText: '党支部组织生活' })
