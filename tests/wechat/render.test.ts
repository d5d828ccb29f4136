/**
 * The weapp build (WEAPP_DIR, default dist/weapp) run and rendered as WeChat would, beyond
 * compiling: its JS in a mini-program runtime simulation (tests/wechat/mini-program.ts), its
 * templates by WeChat's own wcc, its `wx.cloud.callFunction('api')` answered by the real server on
 * the demo data with the caller's OPENID. Each test asserts on the text of the rendered virtual
 * tree against what the server says, so a broken template, a page that throws or a call that fails
 * shows up. Native layout, styles and device APIs still need a phone (see wx-api.ts).
 */
import path from 'node:path'
import { compileTemplates } from '../../scripts/wechat-compilers'
import type {
  BranchCompliance,
  InvitationView,
  MeetingSummary,
  MemberDetail,
  MemberRow,
  ProfileView,
} from '../../src/domain/api/views'
import type { MobileBranchView } from '../../src/domain/api/views-mobile'
import { FIXED_NOW, MEMBER_B1, SECRETARY_B1, SUPERVISOR } from '../cloud/api-fixture'
import { WEB_LOGIN_RULES } from '../../src/domain/web-login'
import { demoOpenid, openCloud, type SimulatedCloud } from './cloud-api'
import { MiniProgram } from './mini-program'
import { allNodes, findById, visibleText, type ViewNode } from './wxml-view'

const WEAPP_DIR = path.resolve(process.env.WEAPP_DIR ?? 'dist/weapp')
const HOME = 'pages/index/index'
const MEETINGS = 'pages/meetings/index'
const ME = 'pages/me/index'
const LOGIN = 'pages/login/index'
const BIND = 'packages/roster/pages/bind/index'
const MEETING_DETAIL = 'packages/meeting/pages/detail/index'
const WEB_LOGIN = 'packages/account/pages/web-login/index'
/** An OPENID WeChat would give a person who has never bound a member. */
const UNBOUND_OPENID = 'oUnboundSimulatedWechatUser'

let templatesJs = ''

beforeAll(() => {
  // Throws with wcc's own message when any template of the build does not compile.
  templatesJs = compileTemplates(WEAPP_DIR)
})

interface Session {
  mp: MiniProgram
  cloud: SimulatedCloud
  /**
   * The server's answer to the same caller (or to the OPENID `as`), for expectations and set-up,
   * not through the mini-program; a write needs a `requestId`.
   */
  server<T>(action: string, input?: unknown, options?: { as?: string; requestId?: string }): Promise<T>
}

/** A fresh server with the demo and a cold-started mini-program for `openid`; checks it stayed clean. */
async function withApp(openid: string, body: (s: Session) => Promise<void>): Promise<void> {
  let mp: MiniProgram | null = null
  const cloud = await openCloud(() => mp?.clock ?? FIXED_NOW, openid)
  mp = new MiniProgram({
    weappDir: WEAPP_DIR,
    templatesJs,
    startAt: FIXED_NOW,
    callFunction: (name, data) => cloud.callFunction(name, data),
  })
  const server: Session['server'] = async <T>(
    action: string,
    input: unknown = {},
    options: { as?: string; requestId?: string } = {},
  ) => {
    const caller = cloud.openid
    cloud.openid = options.as ?? caller
    try {
      const r = (await cloud.callFunction('api', { action, input, requestId: options.requestId })) as {
        ok: boolean
        data?: T
        error?: unknown
      }
      if (!r.ok) throw new Error(`${action} refused: ${JSON.stringify(r.error)}`)
      return r.data as T
    } finally {
      cloud.openid = caller
    }
  }
  try {
    await body({ mp, cloud, server })
    // Nothing went wrong on the way: no script error, console.error, template warning, missing wx API.
    expect(mp.errors).toEqual([])
    expect(mp.wx.absent).toEqual([])
  } finally {
    await cloud.close()
  }
}

/**
 * A browser's login ticket as `webLogin.start` stores it (the browser reaches the function through
 * HTTP access, which this simulation of WeChat's own calls has not: the ticket is put in the store).
 */
async function browserTicket(cloud: SimulatedCloud): Promise<string> {
  const ticketId = 'SimTicket0123456789abcd_'
  await cloud.ports.store.insert('web_login_tickets', {
    _id: ticketId,
    browserKeyHash: 'ab'.repeat(32),
    browser: 'Chrome 126 · Windows',
    ip: '203.0.113.7',
    place: 'IP 203.0.113.7（未查询归属地）',
    createdAt: FIXED_NOW,
    expiresAt: FIXED_NOW + WEB_LOGIN_RULES.ticketLifeMs,
    confirmedAt: null,
    confirmedBy: null,
    memberId: null,
    usedAt: null,
    sessionId: null,
  })
  return ticketId
}

/** The actions the mini-program sent through wx.cloud.callFunction, in order. */
function actionsCalled(mp: MiniProgram): string[] {
  return mp.wx.calls
    .filter((c) => c.api === 'cloud.callFunction')
    .map((c) => {
      const o = c.args[0] as { name: string; data: { action: string } }
      expect(o.name).toBe('api')
      return o.data.action
    })
}

function byId(tree: ViewNode, id: string): ViewNode {
  const node = findById(tree, id)
  if (!node) throw new Error(`no node #${id} in:\n${visibleText(tree)}`)
  return node
}

describe('the weapp build in a mini-program runtime simulation', () => {
  test('launch lands on 首页; every page of every package loads and registers Page()', async () => {
    await withApp(demoOpenid(SECRETARY_B1), async ({ mp }) => {
      const page = await mp.launch()
      expect(page.route).toBe(HOME)
      expect(mp.wx.calls.map((c) => c.api)).toContain('cloud.init')
      expect(mp.loadEveryPage()).toEqual([])
      expect(page.setDataCount).toBeGreaterThan(0)
    })
  })

  test('首页 for the demo secretary: greeting with the branch, 安排会议, the next meetings and 本期应办', async () => {
    await withApp(demoOpenid(SECRETARY_B1), async ({ mp, server }) => {
      await mp.launch()
      const tree = mp.render()
      const profile = await server<ProfileView>('session.whoami')
      expect(profile.bound).toBe(true)
      const hello = visibleText(byId(tree, 'home-hello'))
      expect(hello).toContain(`你好，${profile.member.name}`)
      expect(hello).toContain(profile.org.name)
      expect(visibleText(byId(tree, 'go-schedule'))).toBe('安排会议')

      const upcoming = await server<{ items: MeetingSummary[] }>('meeting.listMine', { when: 'upcoming', limit: 3 })
      expect(upcoming.items.length).toBeGreaterThan(0)
      for (const m of upcoming.items) {
        const card = visibleText(byId(tree, `meeting-${m.id}`))
        expect(card).toContain(m.title)
        expect(card).toContain(m.place)
      }

      const text = visibleText(tree)
      expect(text).toContain('本期应办的组织生活')
      const summary = await server<{ items: BranchCompliance[] }>('compliance.summary', { limit: 50 })
      const items = summary.items[0].items
      expect(items.length).toBeGreaterThan(0)
      for (const i of items) {
        const line = visibleText(byId(tree, `compliance-${i.kind}-${i.owner.id}`))
        expect(line).toContain(i.periodLabel)
        expect(line).toContain(i.reason)
      }
      expect(actionsCalled(mp)).toEqual(
        expect.arrayContaining(['session.whoami', 'meeting.listMine', 'compliance.summary']),
      )
    })
  })

  test('会议 lists the demo meetings, 已结束 after a tap, and a card opens the meeting in its subpackage', async () => {
    await withApp(demoOpenid(SECRETARY_B1), async ({ mp, server }) => {
      await mp.launch()
      await mp.tapTabBar(MEETINGS)
      expect(mp.currentPage.route).toBe(MEETINGS)
      const upcoming = await server<{ items: MeetingSummary[] }>('meeting.listMine', { when: 'upcoming', limit: 20 })
      let list = visibleText(byId(mp.render(), 'meeting-list'))
      for (const m of upcoming.items) expect(list).toContain(m.title)

      await mp.tap(byId(mp.render(), 'tab-past'))
      const past = await server<{ items: MeetingSummary[] }>('meeting.listMine', { when: 'past', limit: 20 })
      expect(past.items.length).toBeGreaterThan(upcoming.items.length)
      list = visibleText(byId(mp.render(), 'meeting-list'))
      for (const m of past.items) expect(list).toContain(m.title)
      for (const m of upcoming.items) expect(list).not.toContain(m.title)

      const first = past.items[0]
      await mp.tap(byId(mp.render(), `meeting-${first.id}`))
      expect(mp.currentPage.route).toBe(MEETING_DETAIL)
      expect(mp.currentPage.query).toEqual({ id: first.id })
      expect(visibleText(mp.render())).toContain(first.title)
    })
  })

  test('我的 shows the member: name, organisation path, group and masked phone', async () => {
    await withApp(demoOpenid(SECRETARY_B1), async ({ mp, server }) => {
      await mp.launch()
      await mp.tapTabBar(ME)
      const tree = mp.render()
      const profile = await server<ProfileView>('session.whoami')
      expect(visibleText(byId(tree, 'me-card'))).toContain(profile.member.name)
      const text = visibleText(tree)
      expect(text).toContain(profile.orgPath.map((o) => o.name).join(' / '))
      if (profile.group) expect(text).toContain(profile.group.name)
      expect(text).toContain(profile.member.phoneMasked)
      // WeChat identifies the user: no demo-account switch in the weapp build.
      expect(findById(tree, 'switch-account')).toBeUndefined()
    })
  })

  test('an unbound WeChat user is told how to bind, and 输入邀请码绑定 opens the binding page', async () => {
    await withApp(UNBOUND_OPENID, async ({ mp }) => {
      await mp.launch()
      let tree = mp.render()
      expect(visibleText(byId(tree, 'unbound-notice'))).toContain('你的微信还没有绑定党员身份')
      expect(findById(tree, 'home-hello')).toBeUndefined()
      expect(findById(tree, 'go-login')).toBeUndefined()
      await mp.tap(byId(tree, 'go-bind'))
      expect(mp.currentPage.route).toBe(BIND)
      tree = mp.render()
      const text = visibleText(tree)
      expect(text).toContain('输入邀请码')
      expect(text).toContain('邀请码由支部书记或组织委员生成')
      expect(mp.wx.calls.filter((c) => c.api === 'navigateTo').map((c) => (c.args[0] as { url: string }).url)).toEqual([
        `/${BIND}`,
      ])
      await mp.tapTabBar(ME)
      tree = mp.render()
      expect(visibleText(byId(tree, 'unbound-notice'))).toContain('你的微信还没有绑定党员身份')
    })
  })

  test('binding in WeChat: the invited person types the code, their name and phone, and 首页 greets them', async () => {
    await withApp(UNBOUND_OPENID, async ({ mp, server }) => {
      const secretary = { as: demoOpenid(SECRETARY_B1) }
      const roster = await server<{ items: MemberRow[] }>('roster.list', { limit: 50 }, secretary)
      const invitee = roster.items.find((m) => !m.bound)
      if (!invitee) throw new Error('the demo has no unbound member')
      const detail = await server<MemberDetail>('roster.get', { memberId: invitee.id }, secretary)
      const invitation = await server<InvitationView>(
        'invite.create',
        { memberId: invitee.id },
        { ...secretary, requestId: 'sim-invite-0001' },
      )

      await mp.launch()
      await mp.tap(byId(mp.render(), 'go-bind'))
      const field = (id: string) => allNodes(byId(mp.render(), id)).find((n) => n.tag === 'wx-input')!
      await mp.input(field('field-code'), invitation.code.toLowerCase())
      await mp.tap(byId(mp.render(), 'submit-code'))
      expect(visibleText(byId(mp.render(), 'bind-branch'))).toBe(invitation.branchName)
      await mp.input(field('field-name'), detail.name)
      // WeChat cuts typing at maxlength 11: extra digits typed after the number are dropped.
      await mp.input(field('field-phone'), `${detail.phone}99`)
      expect(field('field-phone').attr.value).toBe(detail.phone)
      await mp.tap(byId(mp.render(), 'submit-bind'))

      expect(mp.currentPage.route).toBe(HOME)
      expect(mp.stack).toHaveLength(1)
      expect(visibleText(byId(mp.render(), 'home-hello'))).toContain(`你好，${detail.name}`)
      const toast = mp.wx.calls.find((c) => c.api === 'showToast')?.args[0] as { title: string }
      expect(toast.title).toBe(`绑定成功，欢迎你，${detail.name}`)
      const bind = mp.wx.calls.find(
        (c) =>
          c.api === 'cloud.callFunction' && (c.args[0] as { data: { action: string } }).data.action === 'binding.bind',
      )!.args[0] as { data: { requestId?: string; input: Record<string, unknown> } }
      expect(bind.data.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
      expect(bind.data.input).toEqual({ code: invitation.code, name: detail.name, phone: detail.phone })
    })
  })

  test('the login page, opened in WeChat, says WeChat identifies the user and lists no demo accounts', async () => {
    await withApp(UNBOUND_OPENID, async ({ mp }) => {
      await mp.launch(LOGIN)
      expect(visibleText(mp.render())).toBe('在微信中打开时，系统会自动识别你的身份，无需登录。')
      expect(actionsCalled(mp)).toEqual([])
    })
  })

  test('every page of the build opens with real demo records and renders without a problem', async () => {
    await withApp(demoOpenid(SECRETARY_B1), async ({ mp, server, cloud }) => {
      await mp.launch()
      const upcoming = (await server<{ items: MeetingSummary[] }>('meeting.listMine', { when: 'upcoming', limit: 1 }))
        .items[0]
      const past = (await server<{ items: MeetingSummary[] }>('meeting.listMine', { when: 'past', limit: 1 })).items[0]
      const mobile = (await server<MobileBranchView>('mobile.listBranch')).rows[0]
      const ticketId = await browserTicket(cloud)
      // The query each page is opened with elsewhere in the app (src/routes.ts users).
      const queries: Record<string, string> = {
        [MEETING_DETAIL]: `id=${past.id}`,
        'packages/roster/pages/member/index': `id=${MEMBER_B1}`,
        'packages/roster/pages/edit/index': `id=${MEMBER_B1}`,
        'packages/roster/pages/invite/index': `memberId=${MEMBER_B1}`,
        'packages/roster/pages/states/index': `id=${MEMBER_B1}`,
        'packages/attendance/pages/code/index': `meetingId=${upcoming.id}`,
        'packages/attendance/pages/signin/index': `meetingId=${upcoming.id}`,
        'packages/attendance/pages/board/index': `meetingId=${upcoming.id}`,
        'packages/attendance/pages/leave/index': `meetingId=${upcoming.id}`,
        'packages/minutes/pages/edit/index': `meetingId=${past.id}`,
        'packages/minutes/pages/view/index': `id=${past.id}`,
        'packages/mobile/pages/member/index': `id=${mobile.memberId}`,
        'packages/mobile/pages/makeup/index': `meetingId=${past.id}`,
        'packages/supervision/pages/branch/index': 'branchId=org_b1',
        'packages/dues/pages/member/index': `memberId=${MEMBER_B1}`,
        // As WeChat opens it from the browser's mini-program code (scene URL-encoded, as on iOS).
        'packages/account/pages/web-login/index': `scene=${encodeURIComponent(`w=${ticketId}`)}`,
      }
      const rendered: Record<string, number> = {}
      for (const route of mp.allPages()) {
        const page = await mp.reLaunch(`/${route}${queries[route] ? `?${queries[route]}` : ''}`)
        expect(page.route).toBe(route)
        const text = visibleText(mp.render())
        rendered[route] = text.length
        // Each page shows something, and nothing went wrong on the way (checked per page for a clear message).
        expect({ route, errors: mp.errors, absent: mp.wx.absent }).toEqual({ route, errors: [], absent: [] })
      }
      expect(Object.values(rendered).every((n) => n > 0)).toBe(true)
      const detail = await mp.reLaunch(`/${MEETING_DETAIL}?id=${past.id}`)
      expect(detail.route).toBe(MEETING_DETAIL)
      expect(visibleText(mp.render())).toContain(past.title)
    })
  })

  test('扫码登录 in WeChat: the browser’s mini-program code opens the confirm page, which shows what is asking and confirms', async () => {
    await withApp(demoOpenid(MEMBER_B1), async ({ mp, cloud }) => {
      const ticketId = await browserTicket(cloud)
      await mp.launch()
      // WeChat opens the page from the code with its scene, URL-encoded as on iOS.
      await mp.reLaunch(`/${WEB_LOGIN}?scene=${encodeURIComponent(`w=${ticketId}`)}`)
      let tree = mp.render()
      expect(visibleText(byId(tree, 'web-login-browser'))).toBe('Chrome 126 · Windows')
      expect(visibleText(byId(tree, 'web-login-place'))).toBe('IP 203.0.113.7（未查询归属地）')
      expect(visibleText(byId(tree, 'web-login-warning'))).toBe(
        '只有在你本人正在电脑前登录时才确认；如果不是你发起的，请点拒绝。',
      )
      expect(actionsCalled(mp)).toContain('webLogin.inspect')
      await mp.tap(byId(tree, 'web-login-confirm'))
      tree = mp.render()
      expect(visibleText(byId(tree, 'web-login-confirmed'))).toContain('已确认登录')
      const ticket = await cloud.ports.store.get('web_login_tickets', ticketId)
      expect(ticket).toMatchObject({ confirmedBy: demoOpenid(MEMBER_B1), memberId: MEMBER_B1 })
    })
  })

  test('首页 for the 党委 lists its branches', async () => {
    await withApp(demoOpenid(SUPERVISOR), async ({ mp, server }) => {
      await mp.launch()
      const tree = mp.render()
      expect(visibleText(tree)).toContain('所辖支部组织生活情况')
      const summary = await server<{ items: BranchCompliance[] }>('compliance.summary', { limit: 50 })
      expect(summary.items.length).toBeGreaterThan(1)
      for (const b of summary.items) {
        expect(visibleText(byId(tree, `compliance-branch-${b.branch.id}`))).toContain(b.branch.name)
      }
    })
  })

  test('组织生活监督 in WeChat: the 党委 opens the matrix from 首页, a card per branch, a branch from its name', async () => {
    await withApp(demoOpenid(SUPERVISOR), async ({ mp }) => {
      await mp.launch()
      await mp.tap(byId(mp.render(), 'go-supervision'))
      expect(mp.currentPage.route).toBe('packages/supervision/pages/matrix/index')
      const tree = mp.render()
      // The phone's cards (never the desk table in WeChat), each status with its word in the legend.
      expect(findById(tree, 'matrix-table')).toBeUndefined()
      expect(visibleText(byId(tree, 'card-org_b1'))).toContain('第一党支部')
      expect(visibleText(byId(tree, 'card-org_b2'))).toContain('第二党支部')
      expect(visibleText(byId(tree, 'cell-legend'))).toBe('完 已完成补 补录逾 逾期未 未完成待 待召开')
      await mp.tap(byId(tree, 'open-org_b2'))
      expect(mp.currentPage.route).toBe('packages/supervision/pages/branch/index')
      expect(mp.currentPage.query).toMatchObject({ branchId: 'org_b2' })
      expect(visibleText(byId(mp.render(), 'branch-name'))).toBe('第二党支部')
      expect(mp.errors).toEqual([])
    })
  })
})
