/**
 * The NutUI components the app uses, with only their own styles (not the whole library's CSS).
 * Import NutUI from here so the package stays small.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/style.css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/style.css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/style.css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/style.css'

export { Button, Cell, CellGroup, Tag } from '@nutui/nutui-react-taro'
