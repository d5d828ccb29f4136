export default definePageConfig({ navigationBarTitleText: '思想汇报' })
