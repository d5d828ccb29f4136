/**
 * The page table: every page of the mini-program once, with the package it is in (the main package
 * or a subpackage root) and the query parameters it reads. app.config.ts builds `pages` and
 * `subPackages` from it, the client navigates by it (src/services/navigation.ts), and the server
 * builds the links of notices, printed codes and invitations with `pageUrl`, so a moved page or a
 * renamed parameter is a compile error, not a dead link.
 */

/** A query parameter a page needs (`required`) or can do without (`optional`). */
export type ParamKind = 'required' | 'optional'

interface PageEntry {
  /** The subpackage root (`packages/meeting`), or null for the main package (launch and tab pages). */
  readonly root: string | null
  /** The page inside its package, e.g. `pages/detail/index`. */
  readonly page: string
  /** The query parameters the page reads. */
  readonly params: Readonly<Record<string, ParamKind>>
}

const entry = <const P extends Record<string, ParamKind>>(root: string | null, page: string, params: P) =>
  ({ root, page, params }) as const

const MEETING = 'packages/meeting'
const ROSTER = 'packages/roster'
const ATTENDANCE = 'packages/attendance'
const MINUTES = 'packages/minutes'
const PLAN = 'packages/plan'
const MOBILE = 'packages/mobile'
const SUPERVISION = 'packages/supervision'
const ACCOUNT = 'packages/account'
const ORGLIFE = 'packages/orglife'
const DUES = 'packages/dues'

export const PAGE_TABLE = {
  home: entry(null, 'pages/index/index', {}),
  meetings: entry(null, 'pages/meetings/index', {}),
  me: entry(null, 'pages/me/index', {}),
  login: entry(null, 'pages/login/index', {}),
  meetingDetail: entry(MEETING, 'pages/detail/index', { id: 'required' }),
  /** 安排会议; from 首页's 本期应办, `kind` and a `date` inside the quota's `period` (periodKey) filled in. */
  meetingSchedule: entry(MEETING, 'pages/schedule/index', { kind: 'optional', period: 'optional', date: 'optional' }),
  rosterList: entry(ROSTER, 'pages/list/index', { branchId: 'optional' }),
  memberDetail: entry(ROSTER, 'pages/member/index', { id: 'required' }),
  memberEdit: entry(ROSTER, 'pages/edit/index', { id: 'optional' }),
  memberInvite: entry(ROSTER, 'pages/invite/index', { memberId: 'required' }),
  /** 留党察看, 不计入应到 and 延长预备期 of one member (the roster keepers' forms). */
  memberStates: entry(ROSTER, 'pages/states/index', { id: 'required' }),
  /** An invitation: `code` from the host's QR or typed, `scene` (`code=…`) from a mini-program code. */
  bind: entry(ROSTER, 'pages/bind/index', { code: 'optional', scene: 'optional' }),
  rosterImport: entry(ROSTER, 'pages/import/index', {}),
  orgs: entry(ROSTER, 'pages/orgs/index', { open: 'optional' }),
  signInCode: entry(ATTENDANCE, 'pages/code/index', { meetingId: 'required' }),
  /** A meeting's 签到, or a printed venue code: `scene` (`s=…`) from WeChat, `s` from the host's QR. */
  signIn: entry(ATTENDANCE, 'pages/signin/index', {
    meetingId: 'optional',
    scene: 'optional',
    s: 'optional',
    remote: 'optional',
  }),
  attendanceBoard: entry(ATTENDANCE, 'pages/board/index', { meetingId: 'required' }),
  leave: entry(ATTENDANCE, 'pages/leave/index', { meetingId: 'optional' }),
  minutesEdit: entry(MINUTES, 'pages/edit/index', { meetingId: 'required' }),
  minutesView: entry(MINUTES, 'pages/view/index', { id: 'required' }),
  minutesBook: entry(MINUTES, 'pages/book/index', { branchId: 'optional', year: 'optional' }),
  /** 阅签回执: the receipts kept on this device, and verification with them; with `meetingId`, that record's 阅签情况. */
  minutesReceipts: entry(MINUTES, 'pages/receipts/index', { meetingId: 'optional' }),
  plan: entry(PLAN, 'pages/plan/index', { branchId: 'optional', year: 'optional' }),
  calendar: entry(PLAN, 'pages/calendar/index', { branchId: 'optional', month: 'optional' }),
  messages: entry(PLAN, 'pages/messages/index', {}),
  rules: entry(PLAN, 'pages/rules/index', { orgId: 'optional' }),
  /** 谈心谈话: the yearly duty per pair, the talks recorded, and the form to record one. */
  heartTalks: entry(PLAN, 'pages/heart-talks/index', { branchId: 'optional', year: 'optional' }),
  mobileHome: entry(MOBILE, 'pages/home/index', {}),
  mobileCheckin: entry(MOBILE, 'pages/checkin/index', {}),
  mobileReport: entry(MOBILE, 'pages/report/index', { id: 'optional' }),
  mobileList: entry(MOBILE, 'pages/list/index', { branchId: 'optional' }),
  mobileMember: entry(MOBILE, 'pages/member/index', { id: 'required' }),
  makeup: entry(MOBILE, 'pages/makeup/index', { meetingId: 'required' }),
  /** 组织生活监督: the 党委's year matrix of every branch below it (`year`, this year when absent). */
  supervision: entry(SUPERVISION, 'pages/matrix/index', { year: 'optional' }),
  /** One branch as the 党委 sees it: its row, 党小组 rows, escalations and the ways into its records. */
  supervisionBranch: entry(SUPERVISION, 'pages/branch/index', { branchId: 'required', year: 'optional' }),
  /** 列席审批: the 党委's pending invitations of its members by another branch, approved one by one. */
  supervisionGuests: entry(SUPERVISION, 'pages/guests/index', {}),
  /**
   * 扫码登录 on the phone: a browser's login ticket, `t` from the local host's QR, `scene` (`w=…`)
   * from a mini-program code.
   */
  webLoginConfirm: entry(ACCOUNT, 'pages/web-login/index', { t: 'optional', scene: 'optional' }),
  /** 网页版登录: my browser sessions, each can be ended. */
  webSessions: entry(ACCOUNT, 'pages/sessions/index', {}),
  /** 我的组织生活 (`year`, this year when absent); `memberId`: a member's, for the organizers and the 党委. */
  orgLife: entry(ORGLIFE, 'pages/mine/index', { memberId: 'optional', year: 'optional' }),
  /** 我的党费 (`year`, this year when absent). */
  duesMine: entry(DUES, 'pages/mine/index', { year: 'optional' }),
  /** 党费台账 of a branch, for its 书记 and 组织委员 (`branchId`: their own when absent). */
  duesLedger: entry(DUES, 'pages/ledger/index', { branchId: 'optional', year: 'optional' }),
  /** One member's 党费 for a year: recorded here by the branch, opened read-only by the 党委. */
  duesMember: entry(DUES, 'pages/member/index', { memberId: 'required', year: 'optional' }),
  /** 党费汇总 of the 党委 (`orgId`: its own when absent): totals per branch only. */
  duesRollup: entry(DUES, 'pages/rollup/index', { orgId: 'optional', year: 'optional' }),
} as const satisfies Record<string, PageEntry>

export type PageName = keyof typeof PAGE_TABLE

type ParamsOf<N extends PageName> = (typeof PAGE_TABLE)[N]['params']
type Value = string | number

/** The query a page takes: its required parameters, and any of its optional ones. */
export type PageParams<N extends PageName> = {
  [K in keyof ParamsOf<N> as ParamsOf<N>[K] extends 'required' ? K : never]: Value
} & {
  [K in keyof ParamsOf<N> as ParamsOf<N>[K] extends 'optional' ? K : never]?: Value | null
}

/** The tab bar's pages, in its order: WeChat opens them with switchTab, never navigateTo. */
export const TAB_PAGES = ['home', 'meetings', 'me'] as const satisfies readonly PageName[]

type RequiredParam<N extends PageName> = {
  [K in keyof ParamsOf<N>]: ParamsOf<N>[K] extends 'required' ? K : never
}[keyof ParamsOf<N>]

/** The arguments after a page's name: its query, optional when it needs no parameter. */
export type PageArgs<N extends PageName> = [RequiredParam<N>] extends [never]
  ? [params?: PageParams<N>]
  : [params: PageParams<N>]

/** A page's path from the mini-program root, without a leading slash: `packages/meeting/pages/detail/index`. */
export function pagePath(name: PageName): string {
  const { root, page } = PAGE_TABLE[name]
  return root ? `${root}/${page}` : page
}

/** Every page's path with a leading slash, as navigation takes it: `PAGES.meetingDetail`. */
export const PAGES = Object.fromEntries(
  (Object.keys(PAGE_TABLE) as PageName[]).map((name) => [name, `/${pagePath(name)}`]),
) as { readonly [N in PageName]: string }

/**
 * The address of a page with its query, e.g. `pageUrl('meetingDetail', { id: 'mtg_1' })` is
 * `/packages/meeting/pages/detail/index?id=mtg_1`. Parameters are written in the table's order;
 * empty optional ones (undefined, null) are left out; values are written as given (callers pass ids,
 * dates and scenes that need no escaping, as the pages read them with `useRouter().params`).
 */
export function pageUrl<N extends PageName>(name: N, ...[params]: PageArgs<N>): string {
  return urlOf(name, params ?? {}, true)
}

/**
 * The same address without the leading slash, as WeChat takes it for a subscribe message's `page`,
 * a mini-program code's `page` and a notice kept for the 消息 page: `packages/meeting/pages/detail/index?id=mtg_1`.
 */
export function pageLink<N extends PageName>(name: N, ...[params]: PageArgs<N>): string {
  return urlOf(name, params ?? {}, false)
}

function urlOf(name: PageName, params: object, slash: boolean): string {
  const given = params as Record<string, Value | null | undefined>
  const query = Object.keys(PAGE_TABLE[name].params)
    .filter((k) => given[k] !== undefined && given[k] !== null)
    .map((k) => `${k}=${given[k]}`)
    .join('&')
  const path = slash ? PAGES[name] : pagePath(name)
  return query ? `${path}?${query}` : path
}

/** The main package's pages and the subpackages, as app.json lists them (table order kept). */
export function appPages(): { pages: string[]; subPackages: { root: string; pages: string[] }[] } {
  const pages: string[] = []
  const subPackages: { root: string; pages: string[] }[] = []
  for (const { root, page } of Object.values(PAGE_TABLE) as PageEntry[]) {
    if (root === null) {
      pages.push(page)
      continue
    }
    const pkg = subPackages.find((p) => p.root === root)
    if (pkg) pkg.pages.push(page)
    else subPackages.push({ root, pages: [page] })
  }
  return { pages, subPackages }
}
