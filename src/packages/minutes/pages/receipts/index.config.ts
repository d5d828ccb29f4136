export default definePageConfig({ navigationBarTitleText: '阅签回执' })
