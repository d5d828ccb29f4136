/**
 * The production adapters over stand-ins for WeChat's servers (the only boundary mocked), and the
 * real router and actions running on openCloudBase() with the demo data, answering exactly as the
 * embedded host does.
 */
import { createHash } from 'node:crypto'
import { HANDLERS } from '../../src/cloud/actions'
import { CloudBaseFiles } from '../../src/cloud/adapters/cloudbase-files'
import { CloudBaseStore, type CloudBaseDb } from '../../src/cloud/adapters/cloudbase-store'
import { OutboxNotifier } from '../../src/cloud/adapters/outbox-notifier'
import {
  parseSubscribeTemplates,
  SubscribeNotifier,
  type SubscribeTemplates,
} from '../../src/cloud/adapters/subscribe-notifier'
import { WxContextIdentity } from '../../src/cloud/adapters/wx-context-identity'
import { cloudBaseOptionsFromEnv, openCloudBase } from '../../src/cloud/cloudbase'
import type { FilesPort } from '../../src/cloud/ports/files'
import type { Notification } from '../../src/cloud/ports/notifier'
import { createMain } from '../../src/cloud/router'
import { seedDemo } from '../../src/cloud/seed/demo-branch'
import type { MeetingDetail, MeetingSummary, Page } from '../../src/domain/api/views'
import { FIXED_NOW, MEMBER_B1, openTestApi, scheduleInput, SECRETARY_B1 } from './api-fixture'
import { FakeCloudBaseDb } from './fake-cloudbase-db'
import { FakeWxCloud } from './fake-wx-cloud'

const clock = { now: () => FIXED_NOW }
const CHINESE = /[\u4e00-\u9fff]/

describe('WxContextIdentity', () => {
  test('the caller is the OPENID WeChat put in the context, and nobody without one', () => {
    const fake = new FakeWxCloud()
    const identity = new WxContextIdentity(fake.cloud)
    expect(identity.identify()).toBeNull()
    fake.context = { OPENID: '' }
    expect(identity.identify()).toBeNull()
    fake.context = { OPENID: 'o_abc' }
    expect(identity.identify()).toEqual({ openid: 'o_abc' })
    expect('issueSession' in identity).toBe(false)
  })

  test('what the request or transport context claims is ignored', () => {
    const identity = new WxContextIdentity(new FakeWxCloud().cloud)
    expect(identity.identify()).toBeNull()
    const claims = { OPENID: 'o_forged', openid: 'o_forged', userInfo: { openId: 'o_forged' }, sessionToken: 'v1.x.y' }
    expect((identity.identify as (c: unknown) => unknown)(claims)).toBeNull()
  })
})

describe('SubscribeNotifier', () => {
  const templates: SubscribeTemplates = {
    'meeting.scheduled': {
      id: 'TPL_MEETING',
      fields: { thing1: 'title', thing2: 'body', character_string3: 'meetingId' },
    },
    'plain.keywords': 'TPL_PLAIN',
  }
  const note = (overrides: Partial<Notification> = {}): Notification => ({
    id: 'mtg_1.m1.scheduled',
    memberId: 'm1',
    template: 'meeting.scheduled',
    title: '会议通知：十二月主题党日学习新修订的支部工作条例并开展志愿服务',
    body: '主题党日，2026-12-04 15:00，党员活动室',
    page: 'packages/meeting/pages/detail/index?id=mtg_1',
    data: { meetingId: 'mtg_1' },
    ...overrides,
  })

  async function setup(options: { bind?: boolean } = {}) {
    const fake = new FakeWxCloud()
    const store = new CloudBaseStore(fake.cloud.database())
    if (options.bind !== false) await store.insert('bindings', { _id: 'o_m1', memberId: 'm1', boundAt: FIXED_NOW })
    return { fake, store, notifier: new SubscribeNotifier(fake.cloud, store, clock, { templates }) }
  }

  test("sends to the member's openid with the template's keywords, fitted to WeChat's lengths", async () => {
    const { fake, notifier } = await setup()
    expect(await notifier.send(note())).toEqual({ delivered: true })
    expect(fake.sent).toEqual([
      {
        touser: 'o_m1',
        templateId: 'TPL_MEETING',
        page: 'packages/meeting/pages/detail/index?id=mtg_1',
        data: {
          thing1: { value: '会议通知：十二月主题党日学习新修订的支…' },
          thing2: { value: '主题党日，2026-12-04 15:…' },
          character_string3: { value: 'mtg_1' },
        },
        miniprogramState: 'formal',
        lang: 'zh_CN',
      },
    ])
    for (const k of ['thing1', 'thing2']) expect([...fake.sent[0].data[k].value]).toHaveLength(20)
  })

  test('without a field map the data keys are the keywords; the mini-program state is configurable', async () => {
    const fake = new FakeWxCloud()
    const store = new CloudBaseStore(fake.cloud.database())
    await store.insert('bindings', { _id: 'o_m1', memberId: 'm1', boundAt: FIXED_NOW })
    const notifier = new SubscribeNotifier(fake.cloud, store, clock, { templates, miniprogramState: 'trial' })
    await notifier.send(note({ template: 'plain.keywords', data: { thing5: '短', time6: '2026-12-04 15:00' } }))
    expect(fake.sent[0]).toMatchObject({
      templateId: 'TPL_PLAIN',
      data: { thing5: { value: '短' }, time6: { value: '2026-12-04 15:00' } },
      miniprogramState: 'trial',
    })
  })

  test('a replayed notification is sent once, even when the two calls race', async () => {
    const { fake, notifier } = await setup()
    const [a, b] = await Promise.all([notifier.send(note()), notifier.send(note())])
    const again = await notifier.send(note())
    expect([a, b].filter((r) => r.delivered)).toHaveLength(1)
    expect(again.delivered).toBe(false)
    expect(again.reason).toMatch(/handled by an earlier call/)
    expect(fake.sent).toHaveLength(1)
    expect(fake.db.dump('outbox')).toHaveLength(1)
  })

  test('every notification lands in the outbox in OutboxNotifier’s shape, sent or not', async () => {
    const { fake, notifier } = await setup({ bind: false })
    const result = await notifier.send(note())
    expect(result).toEqual({ delivered: false, reason: 'member m1 has no WeChat binding' })
    expect(fake.sent).toEqual([])
    const reference = new FakeCloudBaseDb(['outbox'])
    await new OutboxNotifier(new CloudBaseStore(reference as unknown as CloudBaseDb), clock).send(note())
    expect(fake.db.dump('outbox')).toEqual(reference.dump('outbox'))
    expect(fake.db.dump('outbox')[0]).toMatchObject({ _id: 'mtg_1.m1.scheduled', memberId: 'm1', queuedAt: FIXED_NOW })
  })

  test('no template, an unbound member or a refused subscription: not delivered, a plain reason, no throw', async () => {
    const { fake, notifier } = await setup()
    const noTemplate = await notifier.send(note({ id: 'n2', template: 'meeting.cancelled' }))
    expect(noTemplate).toEqual({ delivered: false, reason: 'no subscribe template configured for meeting.cancelled' })
    const unbound = await notifier.send(note({ id: 'n3', memberId: 'm2' }))
    expect(unbound).toEqual({ delivered: false, reason: 'member m2 has no WeChat binding' })
    fake.refusing.add('o_m1')
    const refused = await notifier.send(note({ id: 'n4' }))
    expect(refused.delivered).toBe(false)
    expect(refused.reason).toMatch(/43101/)
    for (const r of [noTemplate, unbound, refused]) expect(r.reason).not.toMatch(CHINESE)
    expect(fake.sent).toEqual([])
    // A refusal is final for that notification: a replay does not try again.
    fake.refusing.clear()
    expect((await notifier.send(note({ id: 'n4' }))).delivered).toBe(false)
    expect(fake.sent).toEqual([])
    expect(fake.db.dump('outbox').map((d) => d._id)).toEqual(['n2', 'n3', 'n4'])
  })

  test('SUBSCRIBE_TEMPLATES is parsed strictly', () => {
    expect(parseSubscribeTemplates(undefined)).toEqual({})
    expect(parseSubscribeTemplates('  ')).toEqual({})
    expect(parseSubscribeTemplates('{"a.b":"TPL","c":{"id":"T2","fields":{"thing1":"title"}}}')).toEqual({
      'a.b': 'TPL',
      c: { id: 'T2', fields: { thing1: 'title' } },
    })
    expect(() => parseSubscribeTemplates('{oops')).toThrow(/not valid JSON/)
    expect(() => parseSubscribeTemplates('["TPL"]')).toThrow(/JSON object/)
    expect(() => parseSubscribeTemplates('{"a":""}')).toThrow(/SUBSCRIBE_TEMPLATES\.a/)
    expect(() => parseSubscribeTemplates('{"a":{"fields":{}}}')).toThrow(/SUBSCRIBE_TEMPLATES\.a/)
    expect(cloudBaseOptionsFromEnv({ SUBSCRIBE_TEMPLATES: '{"a":"T"}', SUBSCRIBE_STATE: 'developer' })).toEqual({
      templates: { a: 'T' },
      miniprogramState: 'developer',
    })
    expect(() => cloudBaseOptionsFromEnv({ SUBSCRIBE_STATE: 'prod' })).toThrow(/SUBSCRIBE_STATE/)
  })
})

describe('CloudBaseFiles', () => {
  test('put stores the bytes and reports size and SHA-256; get reads them back; remove is idempotent', async () => {
    const fake = new FakeWxCloud()
    const files: FilesPort = new CloudBaseFiles(fake.cloud)
    const content = Buffer.from('会议照片的字节', 'utf8')
    const stored = await files.put('meetings/mtg_1/photo-1.jpg', content, 'image/jpeg')
    expect(stored).toEqual({
      fileId: 'cloud://fake-env.6661-fake-env/meetings/mtg_1/photo-1.jpg',
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    })
    expect((await files.get(stored.fileId)).equals(content)).toBe(true)
    await files.remove(stored.fileId)
    await expect(files.get(stored.fileId)).rejects.toThrow(/STORAGE_FILE_NONEXIST/)
    await expect(files.remove(stored.fileId)).resolves.toBeUndefined()
  })

  test('paths that climb, are absolute or empty are refused before anything is uploaded', async () => {
    const fake = new FakeWxCloud()
    const files: FilesPort = new CloudBaseFiles(fake.cloud)
    for (const bad of ['../x.jpg', 'a/../../x.jpg', '/abs.jpg', '', 'a/./b.jpg', 'a\\b.jpg']) {
      await expect(files.put(bad, Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/invalid storage path/)
    }
    expect(fake.files.size).toBe(0)
  })

  test('a failed delete other than a missing file is an error', async () => {
    const fake = new FakeWxCloud()
    fake.cloud.deleteFile = async ({ fileList }) => ({
      fileList: fileList.map((fileID) => ({ fileID, status: -503002, errMsg: 'STORAGE_EXCEED_AUTHORITY' })),
    })
    await expect(new CloudBaseFiles(fake.cloud).remove('cloud://x/y')).rejects.toThrow(/STORAGE_EXCEED_AUTHORITY/)
  })
})

describe('the router on openCloudBase() over the stand-ins', () => {
  async function openCloud() {
    const fake = new FakeWxCloud()
    const ports = openCloudBase(fake.cloud, {
      clock,
      templates: { 'meeting.scheduled': { id: 'TPL_MEETING', fields: { thing1: 'title', thing2: 'body' } } },
    })
    await seedDemo(ports.store, FIXED_NOW)
    const main = createMain(ports, HANDLERS)
    const callAs = (openid: string | null, event: Record<string, unknown>) => {
      fake.context = openid ? { OPENID: openid } : {}
      return main(event, {})
    }
    return { fake, ports, callAs }
  }

  test('ports say cloudbase; identity comes from the WeChat context only', async () => {
    const { ports, callAs } = await openCloud()
    expect(ports.host).toBe('cloudbase')
    expect(await callAs(null, { action: 'system.health' })).toEqual({
      ok: true,
      data: { ok: true, store: 'cloudbase', time: FIXED_NOW },
    })
    expect(await callAs(null, { action: 'session.whoami' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await callAs('o_stranger', { action: 'session.whoami' })).toEqual({ ok: true, data: { bound: false } })
    const me = await callAs(`dev_${MEMBER_B1}`, { action: 'session.whoami' })
    expect(me).toMatchObject({ ok: true, data: { bound: true, member: { id: MEMBER_B1 } } })
    expect(await callAs(null, { action: 'session.devAccounts', input: {} })).toMatchObject({
      ok: false,
      error: { code: 'NOT_AVAILABLE' },
    })
  }, 20_000)

  test('meeting lists page exactly as on the embedded SQLite host', async () => {
    const { callAs } = await openCloud()
    const embedded = await openTestApi()
    try {
      for (const when of ['past', 'upcoming'] as const) {
        for (const action of ['meeting.listBranch', 'meeting.listMine']) {
          let cursor: string | null = null
          let pages = 0
          do {
            const input: Record<string, unknown> = { when, limit: 7, ...(cursor ? { cursor } : {}) }
            const fromCloud = await callAs(`dev_${MEMBER_B1}`, { action, input })
            const fromSqlite = await embedded.call<Page<MeetingSummary>>(MEMBER_B1, action, input)
            expect(fromCloud).toEqual(fromSqlite)
            if (!fromSqlite.ok) throw new Error(JSON.stringify(fromSqlite.error))
            cursor = fromSqlite.data.nextCursor
            pages += 1
          } while (cursor)
          if (when === 'past') expect(pages).toBeGreaterThan(1)
        }
      }
    } finally {
      await embedded.close()
    }
  }, 20_000)

  test('scheduling messages each participant once; a replay of the write sends nothing more', async () => {
    const { fake, ports, callAs } = await openCloud()
    const event = { action: 'meeting.schedule', input: scheduleInput(), requestId: 'req-cloud-schedule-1' }
    const first = await callAs(`dev_${SECRETARY_B1}`, event)
    if (!first.ok) throw new Error(JSON.stringify(first.error))
    const detail = first.data as MeetingDetail
    const participants = detail.participants.map((p) => p.id).sort()
    expect(participants.length).toBeGreaterThan(5)
    expect(fake.sent.map((s) => s.touser).sort()).toEqual(participants.map((id) => `dev_${id}`).sort())
    expect(fake.sent.every((s) => s.templateId === 'TPL_MEETING' && s.page.endsWith(`id=${detail.id}`))).toBe(true)
    expect(await ports.store.count('outbox')).toBe(participants.length)

    expect(await callAs(`dev_${SECRETARY_B1}`, event)).toEqual(first)
    expect(fake.sent).toHaveLength(participants.length)
    expect(await ports.store.count('outbox')).toBe(participants.length)
    expect(await ports.store.count('meetings', [{ field: '_id', op: 'eq', value: detail.id }])).toBe(1)
  }, 20_000)
})
