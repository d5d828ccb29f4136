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
  defaultKeywordIds,
  parseSubscribeTemplates,
  SubscribeNotifier,
  type SubscribeTemplates,
} from '../../src/cloud/adapters/subscribe-notifier'
import { WxacodeImage } from '../../src/cloud/adapters/wxacode-image'
import { WxContextIdentity } from '../../src/cloud/adapters/wx-context-identity'
import { cloudBaseOptionsFromEnv, openCloudBase } from '../../src/cloud/cloudbase'
import { isMissingFile, type FilesPort } from '../../src/cloud/ports/files'
import type { Notification } from '../../src/cloud/ports/notifier'
import { createMain } from '../../src/cloud/router'
import { DEMO_UNBOUND_MEMBER_IDS, seedDemo } from '../../src/cloud/seed/demo-branch'
import type {
  InvitationView,
  MeetingDetail,
  MeetingSummary,
  MemberDetail,
  Page,
  ProfileView,
} from '../../src/domain/api/views'
import { fromBeijing } from '../../src/domain/beijing-time'
import type { CallResult } from '../../src/domain/errors'
import { buildNotice } from '../../src/domain/notices'
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
    // As configured in 微信公众平台: the library template's own keyword ids, mapped to the catalogue's fields.
    'meeting.notice': {
      id: 'TPL_MEETING',
      fields: { thing1: 'title', time3: 'startAt', thing4: 'place', phrase7: 'status' },
    },
    'meeting.reminder': 'TPL_REMINDER',
  }
  const meeting = {
    meetingId: 'mtg_1',
    title: '十二月主题党日：学习新修订的支部工作条例并开展志愿服务活动',
    kind: 'theme_day' as const,
    startAt: fromBeijing('2026-12-04', '15:00'),
    endAt: fromBeijing('2026-12-04', '17:00'),
    place: '党员活动室',
  }
  const note = (overrides: Partial<Notification> = {}): Notification => {
    const built = buildNotice('meeting.scheduled', meeting)
    return {
      id: 'mtg_1.m1.scheduled',
      memberId: 'm1',
      template: 'meeting.scheduled',
      title: built.title,
      body: built.body,
      page: built.page,
      data: { ...meeting },
      message: { template: built.template, values: built.values },
      ...overrides,
    }
  }

  async function setup(options: { bind?: boolean } = {}) {
    const fake = new FakeWxCloud()
    const store = new CloudBaseStore(fake.cloud.database())
    if (options.bind !== false) await store.insert('bindings', { _id: 'o_m1', memberId: 'm1', boundAt: FIXED_NOW })
    return { fake, store, notifier: new SubscribeNotifier(fake.cloud, store, clock, { templates }) }
  }

  test("sends the catalogue's values under the configured template's keyword ids to the member's openid", async () => {
    const { fake, notifier } = await setup()
    expect(await notifier.send(note())).toEqual({ delivered: true })
    expect(fake.sent).toEqual([
      {
        touser: 'o_m1',
        templateId: 'TPL_MEETING',
        page: 'packages/meeting/pages/detail/index?id=mtg_1',
        data: {
          thing1: { value: '十二月主题党日：学习新修订的支部工作条…' },
          time3: { value: '2026年12月4日 15:00' },
          thing4: { value: '党员活动室' },
          phrase7: { value: '已安排' },
        },
        miniprogramState: 'formal',
        lang: 'zh_CN',
      },
    ])
  })

  test('without a field map the keyword ids are the catalogue defaults; the mini-program state is configurable', async () => {
    const fake = new FakeWxCloud()
    const store = new CloudBaseStore(fake.cloud.database())
    await store.insert('bindings', { _id: 'o_m1', memberId: 'm1', boundAt: FIXED_NOW })
    const notifier = new SubscribeNotifier(fake.cloud, store, clock, { templates, miniprogramState: 'trial' })
    const built = buildNotice('meeting.reminder', { ...meeting, remindedAt: meeting.startAt - 86_400_000 })
    expect(defaultKeywordIds('meeting.reminder')).toEqual({
      thing1: 'title',
      time2: 'startAt',
      thing3: 'place',
      thing4: 'tip',
    })
    await notifier.send(
      note({ template: 'meeting.reminder', message: { template: built.template, values: built.values } }),
    )
    expect(fake.sent[0]).toMatchObject({
      templateId: 'TPL_REMINDER',
      data: {
        thing1: { value: '十二月主题党日：学习新修订的支部工作条…' },
        time2: { value: '2026年12月4日 15:00' },
        thing3: { value: '党员活动室' },
        thing4: { value: '不能参加请提前在小程序中请假' },
      },
      miniprogramState: 'trial',
    })
  })

  test('a replayed notification is sent once, even when the two calls race', async () => {
    const { fake, notifier } = await setup()
    const [a, b] = await Promise.all([notifier.send(note()), notifier.send(note())])
    const again = await notifier.send(note())
    expect([a, b].filter((r) => r.delivered)).toHaveLength(1)
    expect(again).toMatchObject({ delivered: false, failure: 'earlier-attempt' })
    expect(fake.sent).toHaveLength(1)
    expect(fake.db.dump('outbox')).toHaveLength(1)
  })

  test('every notification lands in the outbox in OutboxNotifier’s shape, sent or not', async () => {
    const { fake, notifier } = await setup({ bind: false })
    const result = await notifier.send(note())
    expect(result).toEqual({ delivered: false, failure: 'no-binding', reason: 'member m1 has no WeChat binding' })
    expect(fake.sent).toEqual([])
    const reference = new FakeCloudBaseDb(['outbox', 'bindings'])
    await new OutboxNotifier(new CloudBaseStore(reference as unknown as CloudBaseDb), clock).send(note())
    expect(fake.db.dump('outbox')).toEqual(reference.dump('outbox'))
    expect(fake.db.dump('outbox')[0]).toMatchObject({ _id: 'mtg_1.m1.scheduled', memberId: 'm1', queuedAt: FIXED_NOW })
  })

  test('no template, an unbound member, a refused subscription or a send error: not delivered, with why, no throw', async () => {
    const { fake, notifier } = await setup()
    const noTemplate = await notifier.send(
      note({ id: 'n2', template: 'minutes.final', message: { template: 'minutes.notice', values: {} } }),
    )
    expect(noTemplate).toEqual({
      delivered: false,
      failure: 'no-template',
      reason: 'no subscribe template configured for minutes.notice',
    })
    const unbound = await notifier.send(note({ id: 'n3', memberId: 'm2' }))
    expect(unbound).toEqual({ delivered: false, failure: 'no-binding', reason: 'member m2 has no WeChat binding' })
    fake.refusing.add('o_m1')
    const refused = await notifier.send(note({ id: 'n4' }))
    expect(refused).toMatchObject({
      delivered: false,
      failure: 'not-subscribed',
      reason: expect.stringMatching(/43101/),
    })
    fake.refusing.clear()
    const send = fake.cloud.openapi.subscribeMessage.send
    fake.cloud.openapi.subscribeMessage.send = async () => ({ errCode: 40003, errMsg: 'invalid openid' })
    const broken = await notifier.send(note({ id: 'n5' }))
    fake.cloud.openapi.subscribeMessage.send = send
    expect(broken).toMatchObject({ delivered: false, failure: 'send-failed', reason: expect.stringMatching(/40003/) })
    for (const r of [noTemplate, unbound, refused, broken]) expect(JSON.stringify(r)).not.toMatch(CHINESE)
    expect(fake.sent).toEqual([])
    // A refusal is final for that notification: a replay does not try again.
    expect((await notifier.send(note({ id: 'n4' }))).delivered).toBe(false)
    expect(fake.sent).toEqual([])
    expect(fake.db.dump('outbox').map((d) => d._id)).toEqual(['n2', 'n3', 'n4', 'n5'])
  })

  test('a value that breaks its keyword rule is not sent (WeChat would answer 47003)', async () => {
    const { fake, notifier } = await setup()
    const built = buildNotice('meeting.scheduled', meeting)
    const bad = await notifier.send(
      note({ id: 'n6', message: { template: 'meeting.notice', values: { ...built.values, status: '已经安排好了' } } }),
    )
    expect(bad).toMatchObject({ delivered: false, failure: 'invalid-content', reason: expect.stringMatching(/phrase/) })
    expect(fake.sent).toEqual([])
  })

  test('SUBSCRIBE_TEMPLATES is parsed strictly against the catalogue', () => {
    expect(parseSubscribeTemplates(undefined)).toEqual({})
    expect(parseSubscribeTemplates('  ')).toEqual({})
    expect(
      parseSubscribeTemplates('{"meeting.reminder":"TPL","leave.notice":{"id":"T2","fields":{"name1":"applicant"}}}'),
    ).toEqual({ 'meeting.reminder': 'TPL', 'leave.notice': { id: 'T2', fields: { name1: 'applicant' } } })
    expect(() => parseSubscribeTemplates('{oops')).toThrow(/not valid JSON/)
    expect(() => parseSubscribeTemplates('["TPL"]')).toThrow(/JSON object/)
    // The keys before the catalogue were topics; they are named as what they are not.
    expect(() => parseSubscribeTemplates('{"meeting.scheduled":"T"}')).toThrow(
      /SUBSCRIBE_TEMPLATES\.meeting\.scheduled is not a template; the templates are meeting\.notice, /,
    )
    expect(() => parseSubscribeTemplates('{"meeting.notice":""}')).toThrow(/SUBSCRIBE_TEMPLATES\.meeting\.notice/)
    expect(() => parseSubscribeTemplates('{"meeting.notice":{"fields":{}}}')).toThrow(
      /SUBSCRIBE_TEMPLATES\.meeting\.notice/,
    )
    expect(() => parseSubscribeTemplates('{"meeting.notice":{"id":"T","fields":{"thing1":"body"}}}')).toThrow(
      /body is not a field of meeting\.notice/,
    )
    expect(() => parseSubscribeTemplates('{"meeting.notice":{"id":"T","fields":{"thing2":"startAt"}}}')).toThrow(
      /startAt is a time, so its WeChat keyword must be time<n>/,
    )
    expect(() => parseSubscribeTemplates('{"meeting.notice":{"id":"T","fields":{"title":"title"}}}')).toThrow(
      /title is not a WeChat keyword id/,
    )
    expect(
      cloudBaseOptionsFromEnv({ SUBSCRIBE_TEMPLATES: '{"meeting.notice":"T"}', SUBSCRIBE_STATE: 'developer' }),
    ).toEqual({ templates: { 'meeting.notice': 'T' }, miniprogramState: 'developer' })
    expect(() => cloudBaseOptionsFromEnv({ SUBSCRIBE_STATE: 'prod' })).toThrow(/SUBSCRIBE_STATE/)
    // The request record commits with the write unless turned off.
    expect(cloudBaseOptionsFromEnv({ ATOMIC_WRITE_SCOPES: 'off' }).atomicWriteScopes).toBe(false)
    expect(cloudBaseOptionsFromEnv({ ATOMIC_WRITE_SCOPES: 'on' }).atomicWriteScopes).toBeUndefined()
    expect(() => cloudBaseOptionsFromEnv({ ATOMIC_WRITE_SCOPES: 'yes' })).toThrow(/ATOMIC_WRITE_SCOPES/)
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

  test('pathOf reads the storage path of its own cloud:// ids only, and a missing file is told apart', async () => {
    const fake = new FakeWxCloud()
    const files = new CloudBaseFiles(fake.cloud)
    const { fileId } = await files.put('uploads/roster/r1.csv', Buffer.from('x'))
    expect(files.pathOf(fileId)).toBe('uploads/roster/r1.csv')
    for (const other of [
      'local:uploads/roster/r1.csv',
      'cloud://env/uploads/../x',
      'cloud://env/',
      'uploads/roster/r1.csv',
    ]) {
      expect(files.pathOf(other)).toBeNull()
    }
    const gone = await files.get('cloud://fake-env.6661-fake-env/uploads/none.csv').catch((e: unknown) => e)
    expect(isMissingFile(gone)).toBe(true)
    expect(isMissingFile(new Error('request:fail timeout'))).toBe(false)
  })

  test('a failed delete other than a missing file is an error', async () => {
    const fake = new FakeWxCloud()
    fake.cloud.deleteFile = async ({ fileList }) => ({
      fileList: fileList.map((fileID) => ({ fileID, status: -503002, errMsg: 'STORAGE_EXCEED_AUTHORITY' })),
    })
    await expect(new CloudBaseFiles(fake.cloud).remove('cloud://x/y')).rejects.toThrow(/STORAGE_EXCEED_AUTHORITY/)
  })
})

describe('WxacodeImage', () => {
  test('asks WeChat for a mini-program code of the page with the scene, as a PNG data URL', async () => {
    const fake = new FakeWxCloud()
    const url = await new WxacodeImage(fake.cloud, 'trial').render('packages/roster/pages/bind/index', 'code=ABCD2345')
    expect(fake.codes).toEqual([{ scene: 'code=ABCD2345', page: 'packages/roster/pages/bind/index', checkPath: false }])
    const png = Buffer.from(url.replace(/^data:image\/png;base64,/, ''), 'base64')
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
    expect(png.subarray(8).toString()).toBe('packages/roster/pages/bind/index?code=ABCD2345')
  })

  test('a scene longer than WeChat allows is refused before asking', async () => {
    const fake = new FakeWxCloud()
    await expect(new WxacodeImage(fake.cloud).render('p', 'x'.repeat(33))).rejects.toThrow(/32 characters/)
    expect(fake.codes).toEqual([])
  })

  test('WXACODE_ENV_VERSION is read strictly', () => {
    expect(cloudBaseOptionsFromEnv({ WXACODE_ENV_VERSION: 'trial' })).toMatchObject({ codeEnvVersion: 'trial' })
    expect(() => cloudBaseOptionsFromEnv({ WXACODE_ENV_VERSION: 'beta' })).toThrow(/WXACODE_ENV_VERSION/)
  })
})

describe('the router on openCloudBase() over the stand-ins', () => {
  async function openCloud() {
    const fake = new FakeWxCloud()
    const ports = openCloudBase(fake.cloud, {
      clock,
      templates: { 'meeting.notice': 'TPL_MEETING' },
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
        for (const action of ['meeting.listBranch', 'meeting.listMine'] as const) {
          let cursor: string | null = null
          let pages = 0
          do {
            const input: { when: typeof when; limit: number; cursor?: string } = {
              when,
              limit: 7,
              ...(cursor ? { cursor } : {}),
            }
            const fromCloud = await callAs(`dev_${MEMBER_B1}`, { action, input })
            const fromSqlite: CallResult<Page<MeetingSummary>> = await embedded.as(MEMBER_B1).result(action, input)
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
    // Everyone is messaged who has bound WeChat; the demo's unbound members only get the outbox record.
    const bound = participants.filter((id) => !DEMO_UNBOUND_MEMBER_IDS.includes(id))
    expect(bound.length).toBeLessThan(participants.length)
    expect(fake.sent.map((s) => s.touser).sort()).toEqual(bound.map((id) => `dev_${id}`).sort())
    expect(fake.sent.every((s) => s.templateId === 'TPL_MEETING' && s.page.endsWith(`id=${detail.id}`))).toBe(true)
    expect(await ports.store.count('outbox')).toBe(participants.length)

    expect(await callAs(`dev_${SECRETARY_B1}`, event)).toEqual(first)
    expect(fake.sent).toHaveLength(bound.length)
    expect(await ports.store.count('outbox')).toBe(participants.length)
    expect(await ports.store.count('meetings', [{ field: '_id', op: 'eq', value: detail.id }])).toBe(1)
  }, 20_000)

  test('invite, bind and unbind on CloudBase: a mini-program code, one transaction each, the binding removed', async () => {
    const { fake, ports, callAs } = await openCloud()
    const invited = await callAs(`dev_${SECRETARY_B1}`, {
      action: 'invite.create',
      input: { memberId: 'm_b1_16' },
      requestId: 'req-cloud-invite-1',
    })
    if (!invited.ok) throw new Error(JSON.stringify(invited.error))
    const inv = invited.data as InvitationView
    expect(fake.codes).toEqual([
      { scene: `code=${inv.code}`, page: 'packages/roster/pages/bind/index', checkPath: false },
    ])
    expect(inv.imageDataUrl).toMatch(/^data:image\/png;base64,/)

    const bound = await callAs('o_new_wechat_user', {
      action: 'binding.bind',
      input: { code: inv.code, name: '郭子涵', phone: '13800001555' },
      requestId: 'req-cloud-bind-1',
    })
    expect(bound).toMatchObject({ ok: true, data: { bound: true, member: { id: 'm_b1_16' } } })
    expect((bound.ok && (bound.data as ProfileView).org.name) || '').toBe('第一党支部')
    expect(fake.db.dump('bindings').find((b) => b._id === 'o_new_wechat_user')).toMatchObject({ memberId: 'm_b1_16' })

    const unbound = await callAs(`dev_${SECRETARY_B1}`, {
      action: 'binding.unbind',
      input: { memberId: 'm_b1_16', reason: '更换微信' },
      requestId: 'req-cloud-unbind-1',
    })
    expect(unbound).toMatchObject({ ok: true, data: { bound: false } })
    expect((unbound.ok && (unbound.data as MemberDetail).history.map((h) => h.field)) || []).toEqual([
      'binding',
      'binding',
    ])
    expect(fake.db.dump('bindings').some((b) => b._id === 'o_new_wechat_user')).toBe(false)
    expect(await callAs('o_new_wechat_user', { action: 'session.whoami' })).toEqual({
      ok: true,
      data: { bound: false },
    })
    expect(await ports.store.count('member_history', [{ field: 'memberId', op: 'eq', value: 'm_b1_16' }])).toBe(2)
  }, 20_000)
})
