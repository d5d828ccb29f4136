export default definePageConfig({ navigationBarTitleText: '谈心谈话' })
