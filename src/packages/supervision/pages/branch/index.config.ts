export default definePageConfig({ navigationBarTitleText: '支部组织生活' })
