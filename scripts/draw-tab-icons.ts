/**
 * Draws the tab bar icons (81×81 PNG, grey and selected red) from inline SVG in headless Chromium,
 * into src/assets/tab/. Run once after changing a shape: npx tsx scripts/draw-tab-icons.ts
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS } from '../tests/e2e/browser-session'

const SHAPES: Record<string, string> = {
  home: '<path d="M12 40 L40 14 L68 40 M20 34 V66 H60 V34" /><path d="M34 66 V48 H46 V66" />',
  meetings:
    '<rect x="14" y="18" width="52" height="48" rx="6" /><path d="M14 32 H66 M28 12 V24 M52 12 V24" /><path d="M26 44 H38 M26 54 H50" />',
  me: '<circle cx="40" cy="28" r="13" /><path d="M16 68 C18 50 62 50 64 68" />',
}
const COLORS = { '': '#666666', '-active': '#c8161d' }

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  const page = await browser.newPage({ viewport: { width: 81, height: 81 } })
  for (const [name, shape] of Object.entries(SHAPES)) {
    for (const [suffix, color] of Object.entries(COLORS)) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 80 80" fill="none" stroke="${color}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`
      await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`)
      const file = path.join(__dirname, '..', 'src', 'assets', 'tab', `${name}${suffix}.png`)
      writeFileSync(file, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } }))
      console.log(file)
    }
  }
  await browser.close()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
