/**
 * The desk layout's frame, browser build only (src/app.ts mounts it when TARO_ENV is h5): the
 * navigation at the side and a bar above the page with its title and 返回. The app renders it
 * before the pages (Taro's router keeps the page shown last among its siblings), fixed in place.
 * It draws only at desk width (`useDeskLayout`); its stylesheet (`desk` mixin, src/styles/desk.scss)
 * then also bounds the pages' width and hides Taro's tab bar. Below that width it draws, on a
 * sub-page only, a slim bar with the page's title and 返回 (the browser has no navigation bar of its own).
 */
import Taro from '@tarojs/taro'
import { useEffect, useState, type MouseEvent } from 'react'
import type { ProfileView } from '../domain/api/views'
import { PAGES, TAB_PAGES } from '../domain/pages'
import { call } from '../services/api'
import { DESK_MEDIA, useDeskLayout } from '../services/desk-media'
import { openUrl } from '../services/navigation'
import { readSession } from '../services/session'
import './desk-shell.scss'

interface NavItem {
  id: string
  label: string
  url: string
}

const TAB_PATHS: readonly string[] = TAB_PAGES.map((name) => PAGES[name])
/** Pages without the frame: the login page is shown alone. */
const BARE_PATHS: readonly string[] = [PAGES.login]

/**
 * The side navigation for `profile` (null: not signed in or not bound): the tabs, and by role the
 * tools a secretary or the 党委 works with at a desk. Each item's `url` is a page path of the page table.
 */
export function deskNavFor(profile: ProfileView | null): NavItem[] {
  const items: NavItem[] = [
    { id: 'desk-nav-home', label: '首页', url: PAGES.home },
    { id: 'desk-nav-meetings', label: '会议', url: PAGES.meetings },
  ]
  if (profile) {
    const inBranch = profile.org.kind === 'branch'
    // The 党委's staff: the year matrix of every branch (as on 首页).
    if (!inBranch && profile.member.roles.includes('supervisor'))
      items.push({ id: 'desk-nav-supervision', label: '组织生活监督', url: PAGES.supervision })
    if (inBranch) items.push({ id: 'desk-nav-roster', label: '支部成员', url: PAGES.rosterList })
    if (profile.canSchedule) items.push({ id: 'desk-nav-plan', label: '年度计划', url: PAGES.plan })
    items.push({ id: 'desk-nav-calendar', label: '会议月历', url: PAGES.calendar })
    // A branch opens its own book; the 党委 chooses a branch on the page.
    items.push({ id: 'desk-nav-book', label: '会议记录本', url: PAGES.minutesBook })
    items.push({ id: 'desk-nav-messages', label: '消息', url: PAGES.messages })
  }
  items.push({ id: 'desk-nav-me', label: '我的', url: PAGES.me })
  return items
}

/** The page shown now, as a path of the page table (`/packages/roster/pages/list/index`). */
function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '')
  const path = hash.split('?')[0]
  return path && path !== '/' ? path : PAGES.home
}

/** Follows Taro's router: the page's path and title after every switch. */
function useRoute(): { path: string; title: string; depth: number } {
  const read = () => ({ path: currentPath(), title: document.title, depth: Taro.getCurrentPages().length })
  const [route, setRoute] = useState(read)
  useEffect(() => {
    const changed = () => setRoute(read())
    const titled = (title: string) => setRoute((r) => ({ ...r, title }))
    Taro.eventCenter.on('__afterTaroRouterChange', changed)
    Taro.eventCenter.on('__taroH5SetNavigationBarTitle', titled)
    window.addEventListener('hashchange', changed)
    return () => {
      Taro.eventCenter.off('__afterTaroRouterChange', changed)
      Taro.eventCenter.off('__taroH5SetNavigationBarTitle', titled)
      window.removeEventListener('hashchange', changed)
    }
  }, [])
  return route
}

/**
 * Who is signed in, read again when the session changes (a login, 切换账号); only while `wanted`
 * (at desk width: a phone-wide window shows no navigation and asks nothing).
 */
function useProfile(path: string, wanted: boolean): ProfileView | null {
  const token = readSession()?.token ?? null
  const [known, setKnown] = useState<{ token: string | null; profile: ProfileView | null }>({
    token: null,
    profile: null,
  })
  useEffect(() => {
    if (!wanted || !token || BARE_PATHS.includes(path) || known.token === token) return
    let live = true
    call('session.whoami', {}).then(
      (who) => live && setKnown({ token, profile: who.bound ? who : null }),
      // Not signed in any more: the page itself says so and leads to the login page.
      () => live && setKnown({ token, profile: null }),
    )
    return () => {
      live = false
    }
  }, [wanted, token, path, known.token])
  return token && known.token === token ? known.profile : null
}

/**
 * The page a sub-page is opened from, by path, with its name: where 返回 leads when the sub-page
 * was opened first (a link, a reload) and there is no page to go back to.
 */
const OPENED_FROM: Readonly<Record<string, { url: string; name: string }>> = {
  [PAGES.duesMember]: { url: PAGES.duesLedger, name: '党费台账' },
  [PAGES.memberDetail]: { url: PAGES.rosterList, name: '支部成员' },
  [PAGES.rosterImport]: { url: PAGES.rosterList, name: '支部成员' },
  [PAGES.supervisionBranch]: { url: PAGES.supervision, name: '组织生活监督' },
  [PAGES.mobileMember]: { url: PAGES.mobileList, name: '流动党员' },
}

/**
 * Where the page bar's 返回 leads on page `path` with `depth` pages in Taro's stack: the page before
 * (`url` null: navigateBack), else the page it is opened from (OPENED_FROM), else 首页.
 * Returns the button's text and the target.
 */
export function backTarget(path: string, depth: number): { label: string; url: string | null } {
  if (depth > 1) return { label: '‹ 返回', url: null }
  const from = OPENED_FROM[path]
  if (from) return { label: `‹ 返回${from.name}`, url: from.url }
  return { label: '‹ 返回首页', url: PAGES.home }
}

/** Follows `backTarget`: back a page, or to the page this one is opened from in its place. */
function back(path: string): void {
  const { url } = backTarget(path, Taro.getCurrentPages().length)
  if (url === null) void Taro.navigateBack()
  else if (TAB_PATHS.includes(url)) void Taro.switchTab({ url })
  else void Taro.redirectTo({ url })
}

/**
 * Opens a section from the side navigation: a tab by switchTab, any other section as the first page
 * (its 返回 then leads to 首页), so moving between sections does not pile pages up.
 */
function openSection(url: string): void {
  if (TAB_PATHS.includes(url)) void openUrl(url)
  else void Taro.reLaunch({ url })
}

/**
 * Enter in a one-line input submits its form at a desk: the first 提交-type button
 * (SubmitBar's `.form-submit`) after the input on the same page is clicked. Not in a textarea,
 * not while an input method is composing (Enter there picks the Chinese characters).
 */
function submitOnEnter(e: KeyboardEvent): void {
  if (e.key !== 'Enter' || e.isComposing || e.keyCode === 229 || e.shiftKey || e.ctrlKey || e.altKey) return
  const input = e.target
  if (!(input instanceof HTMLInputElement) || ['checkbox', 'radio', 'button', 'submit', 'file'].includes(input.type))
    return
  if (!window.matchMedia(DESK_MEDIA).matches) return
  const page = input.closest('.taro_page')
  const submit = [...(page?.querySelectorAll<HTMLElement>('.form-submit') ?? [])].find(
    (b) => input.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING && b.offsetParent !== null,
  )
  if (!submit) return
  e.preventDefault()
  // After the input's own handlers have run (Taro's input reports its last text on this key too).
  setTimeout(() => submit.click(), 0)
}

/** The desk frame (h5 only): side navigation and the page bar. */
export function DeskShell() {
  const { path, title, depth } = useRoute()
  const desk = useDeskLayout()
  const profile = useProfile(path, desk)
  useEffect(() => {
    // Captured: Taro's input stops the key's native event and sends on its own, without the key.
    document.addEventListener('keydown', submitOnEnter, true)
    return () => document.removeEventListener('keydown', submitOnEnter, true)
  }, [])
  const bare = BARE_PATHS.includes(path)
  useEffect(() => {
    // A page shown alone (the login page) takes the whole width: no room kept for the navigation.
    document.body.classList.toggle('desk-bare', bare)
  }, [bare])
  const tab = TAB_PATHS.includes(path)
  // Phone-wide, a sub-page gets a slim bar with its title and 返回 (WeChat draws its own; the
  // browser has none): the tabs and a page shown alone keep Taro's layout as it is.
  const phoneBar = !desk && !bare && !tab
  useEffect(() => {
    document.body.classList.toggle('phone-bar-on', phoneBar)
  }, [phoneBar])
  if (phoneBar) {
    return (
      <header className="phone-bar" id="phone-bar">
        <button type="button" id="phone-back" className="phone-bar__back" onClick={() => back(path)}>
          {backTarget(path, depth).label}
        </button>
        <h1 className="phone-bar__title">{title}</h1>
      </header>
    )
  }
  if (!desk || bare) return null
  const follow = (url: string) => (e: MouseEvent) => {
    e.preventDefault()
    if (url !== path) openSection(url)
  }
  return (
    <>
      <nav className="desk-nav" id="desk-nav" aria-label="主导航">
        <div className="desk-nav__brand">党支部组织生活</div>
        {profile && (
          <div className="desk-nav__who">
            {profile.member.name} · {profile.org.name}
          </div>
        )}
        {deskNavFor(profile).map((item) => (
          <a
            key={item.id}
            id={item.id}
            href={`#${item.url}`}
            className={`desk-nav__item${item.url === path ? ' desk-nav__item--on' : ''}`}
            aria-current={item.url === path ? 'page' : undefined}
            onClick={follow(item.url)}
          >
            {item.label}
          </a>
        ))}
      </nav>
      <header className="desk-bar" id="desk-bar">
        {!tab && (
          <button type="button" id="desk-back" className="desk-bar__back" onClick={() => back(path)}>
            {backTarget(path, depth).label}
          </button>
        )}
        <h1 className="desk-bar__title">{title}</h1>
      </header>
    </>
  )
}
