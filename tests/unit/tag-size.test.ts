/**
 * Status tags (出席, 未开始, 待阅签, 预备党员 …) read at 12 px or more on a phone and 14 px at a desk:
 * NutUI's tag text takes `--nutui-tag-font-size` (10 px when unset), so src/app.scss sets it for every
 * page. The stylesheet is compiled as the builds do — Sass, then Taro's pxtransform for WeChat (rpx)
 * and the browser (rem) — and the sizes measured in screen pixels.
 */
import path from 'node:path'
import postcss, { type AcceptedPlugin, type Declaration, type Root } from 'postcss'
// @ts-expect-error -- Taro's unit plugin ships no type declarations; its options are typed below.
import untypedPxtransform from 'postcss-pxtransform'
import * as sass from 'sass'

const pxtransform = untypedPxtransform as (options: {
  platform: 'weapp' | 'h5'
  designWidth: number
  deviceRatio: Record<number, number>
}) => AcceptedPlugin

const APP_SCSS = path.join(__dirname, '../../src/app.scss')
/** The browser build's root font size at 375 px wide (Taro: 20 px per 40 design px), and at a desk (src/index.html). */
const PHONE_ROOT_PX = 20
const DESK_ROOT_PX = 22

async function compiled(platform: 'weapp' | 'h5'): Promise<Root> {
  const css = sass.compile(APP_SCSS).css
  const deviceRatio = { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 }
  const out = await postcss([pxtransform({ platform, designWidth: 750, deviceRatio })]).process(css, {
    from: APP_SCSS,
  })
  return out.root
}

/** The tag size declared on the pages, outside (`desk: false`) or inside the desk media query. */
function tagSize(root: Root, desk: boolean): string {
  const found: string[] = []
  root.walkDecls('--nutui-tag-font-size', (d: Declaration) => {
    const rule = d.parent as { selector?: string; parent?: { type: string; params?: string } }
    const inDesk = rule.parent?.type === 'atrule' && /min-width:\s*1024px/.test(rule.parent.params ?? '')
    if (inDesk === desk && /\.taro_page/.test(rule.selector ?? '')) found.push(d.value.trim())
  })
  expect(found).toHaveLength(1)
  return found[0]
}

test('in WeChat a tag reads at 12 px or more (750 rpx = 375 px)', async () => {
  const value = tagSize(await compiled('weapp'), false)
  expect(value).toMatch(/^[\d.]+rpx$/)
  expect(parseFloat(value) / 2).toBeGreaterThanOrEqual(12)
})

test('in the browser a tag reads at 12 px or more on a phone and 14 px or more at a desk', async () => {
  const root = await compiled('h5')
  const phone = tagSize(root, false)
  expect(phone).toMatch(/^[\d.]+rem$/)
  expect(parseFloat(phone) * PHONE_ROOT_PX).toBeGreaterThanOrEqual(12)
  const desk = tagSize(root, true)
  expect(desk).toMatch(/^[\d.]+rem$/)
  expect(parseFloat(desk) * DESK_ROOT_PX).toBeGreaterThanOrEqual(14)
})
