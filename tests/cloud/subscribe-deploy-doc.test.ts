/**
 * docs/deploy.md tells whoever deploys which subscribe-message templates to create in 微信公众平台,
 * with which keywords of which kinds, and where consent is asked: it must say exactly what
 * src/domain/subscribe-messages.ts declares, and its SUBSCRIBE_TEMPLATES example must be accepted.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseSubscribeTemplates } from '../../src/cloud/adapters/subscribe-notifier'
import {
  CONSENT_TAPS,
  MESSAGE_TEMPLATES,
  NOTICE_TOPICS,
  SUBSCRIBE_TOPICS,
  TEMPLATE_KEYS,
  type KeywordDecl,
} from '../../src/domain/subscribe-messages'

const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'deploy.md'), 'utf8')
const section = doc.slice(doc.indexOf('## 5. 订阅消息模板'), doc.indexOf('## 6. '))

/** Table rows of the section whose first cell starts with `start`. */
function rows(start: RegExp): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    const m = start.exec(cells[1] ?? '')
    if (m) out.set(m[1], line)
  }
  return out
}

test('every template is listed with its title, each keyword’s name and kind, its phrases and its topics', () => {
  const listed = rows(/^`([a-zA-Z.]+)`$/)
  expect([...listed.keys()].sort()).toEqual([...TEMPLATE_KEYS].sort())
  for (const key of TEMPLATE_KEYS) {
    const row = listed.get(key)!
    const t = MESSAGE_TEMPLATES[key]
    expect([key, row.split('|')[2].trim()]).toEqual([key, t.title])
    ;(t.keywords as readonly KeywordDecl[]).forEach((k, i) => {
      expect([key, row]).toEqual([key, expect.stringContaining(`${k.label} · \`${k.type}\` · \`${k.type}${i + 1}\``)])
      if (k.vocabulary) {
        expect([key, row]).toEqual([key, expect.stringContaining(`（取值：${k.vocabulary.join('、')}）`)])
      }
    })
    const topics = SUBSCRIBE_TOPICS.filter((topic) => NOTICE_TOPICS[topic].template === key)
    for (const topic of topics) expect([key, row]).toEqual([key, expect.stringContaining(`\`${topic}\``)])
  }
})

test('every consent tap is listed with the titles of the templates it asks for', () => {
  const listed = rows(/（`([a-zA-Z.]+)`）$/)
  expect([...listed.keys()].sort()).toEqual(Object.keys(CONSENT_TAPS).sort())
  for (const [id, tap] of Object.entries(CONSENT_TAPS)) {
    const asked = listed.get(id)!.split('|')[3].trim()
    expect([id, asked]).toEqual([id, tap.templates.map((t) => MESSAGE_TEMPLATES[t].title).join('、')])
  }
})

test('the SUBSCRIBE_TEMPLATES example is accepted as written', () => {
  const example = /^SUBSCRIBE_TEMPLATES=(.+)$/m.exec(section)
  expect(example).not.toBeNull()
  expect(Object.keys(parseSubscribeTemplates(example![1]))).toEqual(['meeting.notice', 'meeting.reminder'])
})
