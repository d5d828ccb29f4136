import { computeBoard, type BoardPerson } from '../../src/domain/attendance'
import { attendanceFromBoard } from '../../src/domain/minutes-attendance'
import { phoneTail, sameNameLabels, type NamedPerson } from '../../src/domain/same-names'

const labels = (people: NamedPerson[]) => Object.fromEntries(sameNameLabels(people))

test('a name nobody else on the list has is shown alone, whatever else is known', () => {
  expect(labels([{ id: 'a', name: '黄晓明', unit: '第一党小组', phone: '13800001518' }])).toEqual({ a: '黄晓明' })
  expect(labels([])).toEqual({})
})

test('two of the same name in different 党小组 are told apart by the 党小组', () => {
  expect(
    labels([
      { id: 'a', name: '黄晓明', unit: '第一党小组', phone: '13800001518' },
      { id: 'b', name: '李华', unit: '第一党小组' },
      { id: 'c', name: '黄晓明', unit: '第二党小组', phone: '13900002222' },
    ]),
  ).toEqual({ a: '黄晓明（第一党小组）', b: '李华', c: '黄晓明（第二党小组）' })
})

test('in the same 党小组, the last four digits of the phone are added', () => {
  expect(
    labels([
      { id: 'a', name: '黄晓明', unit: '第一党小组', phone: '13800001518' },
      { id: 'c', name: '黄晓明', unit: '第一党小组', phone: '13900002222' },
    ]),
  ).toEqual({ a: '黄晓明（第一党小组·尾号1518）', c: '黄晓明（第一党小组·尾号2222）' })
  // Without 党小组, the phone alone.
  expect(
    labels([
      { id: 'a', name: '黄晓明', phone: '13800001518' },
      { id: 'c', name: '黄晓明', phone: '138****2222' },
    ]),
  ).toEqual({ a: '黄晓明（尾号1518）', c: '黄晓明（尾号2222）' })
})

test('when nothing tells them apart, a number in list order; the same id twice counts once', () => {
  expect(
    labels([
      { id: 'a', name: '黄晓明', unit: '第一党小组' },
      { id: 'c', name: '黄晓明', unit: '第一党小组' },
      { id: 'a', name: '黄晓明', unit: '第一党小组' },
    ]),
  ).toEqual({ a: '黄晓明（同名1）', c: '黄晓明（同名2）' })
  expect(
    labels([
      { id: 'a', name: '王芳' },
      { id: 'a', name: '王芳' },
    ]),
  ).toEqual({ a: '王芳' })
})

test('the phone mark is only the digits every viewer sees', () => {
  expect(phoneTail('13800001518')).toBe('1518')
  expect(phoneTail('138****1518')).toBe('1518')
  expect(phoneTail('')).toBeNull()
  expect(phoneTail('12345')).toBeNull()
  expect(phoneTail(null)).toBeNull()
})

test('the board and the minutes list people by their labels; the name itself is kept', () => {
  const person = (memberId: string, name: string): BoardPerson => ({
    memberId,
    name,
    votingRights: true,
    committee: false,
    visiting: false,
  })
  const board = computeBoard({
    meetingId: 'm1',
    rule: { quorum: 'none' },
    participants: [person('a', '黄晓明'), person('b', '黄晓明'), person('c', '李华')],
    guests: [],
    records: [],
    leaves: [],
    recordedAt: null,
    labels: new Map([
      ['a', '黄晓明（第一党小组）'],
      ['b', '黄晓明（第二党小组）'],
    ]),
  })
  expect(board.people.map((p) => [p.name, p.label])).toEqual([
    ['黄晓明', '黄晓明（第一党小组）'],
    ['黄晓明', '黄晓明（第二党小组）'],
    ['李华', '李华'],
  ])
  expect(attendanceFromBoard(board, null).absent.map((p) => p.name)).toEqual([
    '黄晓明（第一党小组）',
    '黄晓明（第二党小组）',
    '李华',
  ])
})
