export default definePageConfig({ navigationBarTitleText: '列席审批' })
