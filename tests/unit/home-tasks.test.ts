/** 首页's task order: 报到 first, then 签到, 请假 (soonest first), 阅签 and 补学 (newest first, two each). */
import { arrangeHomeTasks, HOME_TASK_WINDOWS, type HomeTaskKind } from '../../src/domain/home-tasks'

const t = (kind: HomeTaskKind, at: number | null) => ({ kind, at })

test('kinds in order; what is to come soonest first, what is owed newest first', () => {
  const { items, more } = arrangeHomeTasks([
    t('makeup', 1),
    t('leave', 30),
    t('read', 5),
    t('leave', 20),
    t('sign_in', 10),
    t('read', 7),
    t('mobile_checkin', null),
    t('makeup', 3),
  ])
  expect(items).toEqual([
    t('mobile_checkin', null),
    t('sign_in', 10),
    t('leave', 20),
    t('leave', 30),
    t('read', 7),
    t('read', 5),
    t('makeup', 3),
    t('makeup', 1),
  ])
  expect(more).toEqual({ read: 0, makeup: 0 })
})

test('beyond the newest few 阅签 and 补学, the rest are counted, not listed', () => {
  const n = HOME_TASK_WINDOWS.maxPastPerKind + 3
  const owed = Array.from({ length: n }, (_, i) => t('makeup', i))
  const { items, more } = arrangeHomeTasks([...owed, t('leave', 99)])
  expect(items.filter((x) => x.kind === 'makeup').map((x) => x.at)).toEqual(
    Array.from({ length: HOME_TASK_WINDOWS.maxPastPerKind }, (_, i) => n - 1 - i),
  )
  expect(more).toEqual({ read: 0, makeup: 3 })
  expect(items).toContainEqual(t('leave', 99))
})
