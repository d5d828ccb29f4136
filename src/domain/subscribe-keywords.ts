/**
 * WeChat's rules for the value of each kind of subscribe-message keyword (订阅消息 "参数值内容限制"),
 * as data, with the one checker and the one formatter every notice goes through.
 *
 * Source: the table "订阅消息参数值内容限制说明" under 其他说明 of `subscribeMessage.send`
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html,
 * formerly .../api-backend/open-api/subscribe-message/subscribeMessage.send.html), read from a stored copy:
 * thing 20个以内字符 (汉字、数字、字母或符号组合); number 32位以内数字 (可带小数); letter 32位以内字母;
 * symbol 5位以内符号; character_string 32位以内数字、字母或符号; time 24小时制时间格式 (支持+年月日, 时间段用
 * “~”连接, 例如 15:01 或 2019年10月1日 15:01); date 年月日格式 (支持+24小时制时间, 时间段用“~”连接);
 * amount 1个币种符号+10位以内纯数字, 可带小数, 结尾可带“元”; phone_number 17位以内数字、符号;
 * car_number 8位以内, 第一位与最后一位可为汉字, 其余为字母或数字; name 10个以内纯汉字或20个以内纯字母或符号
 * (中文和字母混合按中文名算, 10个字内); phrase 5个以内纯汉字. And: 符号 means common symbols other than
 * Chinese, letters and digits, never control characters such as a line break; times are HH:MM:SS or HH:MM;
 * dates are y年m月d日, y年m月, m月d日, or joined by '-', '/', '.' (2018-01-01, 2018/01/01, 2018.01.01,
 * 2018-01, 01-01). `short_thing` (5个以内字符, like thing) is listed on the current page and was not in
 * the stored copy. A value that breaks its rule fails the whole send with 47003.
 *
 * How a character is counted is not documented. Here a character outside the BMP (𠮷, 𬌗) counts as two
 * (its UTF-16 length), which is never less than the count of code points: a value within the limit
 * here is within it whichever way WeChat counts.
 */
import { beijing } from './beijing-time'

export const KEYWORD_TYPES = [
  'thing',
  'short_thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const
export type KeywordType = (typeof KEYWORD_TYPES)[number]

/** How a value that does not fit is made to fit; every rule is declared here, none is silent. */
export type OverflowRule =
  /** Cut at the limit, ending in `…` (free text only: the whole text stays in the in-app 消息). */
  | 'ellipsis'
  /** Chosen from a fixed vocabulary declared with the keyword: never cut. */
  | 'vocabulary'
  /** Made by a formatter that always fits (a time, a date, a count): never cut. */
  | 'formatted'

export interface KeywordRule {
  /** WeChat's name for the kind (参数说明). */
  label: string
  /** WeChat's words for the limit (参数值限制), for people reading docs/deploy.md. */
  limit: string
  /** Most characters; a character outside the BMP counts as two. */
  maxLength: number
  /** A lower limit when the value contains a Han character (name: 10 for a Chinese name, else 20). */
  maxLengthWithHan?: number
  /** The whole value must match (and it must not be empty). */
  pattern: RegExp
  overflow: OverflowRule
  /** Values WeChat accepts, from its documentation. */
  examples: readonly string[]
}

const HAN = '\\p{Script=Han}'
/** Any printable character: no control, format or line/paragraph separator characters. */
const PRINTABLE = '[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]'
/** 符号: punctuation and symbols other than Han, letters and digits; a space is not one. */
const SYMBOL = '[\\p{P}\\p{S}]'

const CLOCK = '(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?'
const MONTH = '(?:0?[1-9]|1[0-2])'
const DAY = '(?:0?[1-9]|[12]\\d|3[01])'
/** The date forms WeChat lists for `date` (and allows before a `time`). */
const DATE_FORMS = [
  `\\d{4}年${MONTH}月${DAY}日`,
  `\\d{4}年${MONTH}月`,
  `${MONTH}月${DAY}日`,
  `\\d{4}-${MONTH}-${DAY}`,
  `\\d{4}/${MONTH}/${DAY}`,
  `\\d{4}\\.${MONTH}\\.${DAY}`,
  `\\d{4}-${MONTH}`,
  `${MONTH}-${DAY}`,
]
const DATE = `(?:${DATE_FORMS.join('|')})`
const TIME_POINT = `(?:(?:${DATE} )?${CLOCK})`
const DATE_POINT = `(?:${DATE}(?: ${CLOCK})?)`
const span = (point: string) => new RegExp(`^${point}(?:~${point})?$`, 'u')

export const KEYWORD_RULES: Record<KeywordType, KeywordRule> = {
  thing: {
    label: '事物',
    limit: '20个以内字符，可汉字、数字、字母或符号组合',
    maxLength: 20,
    pattern: new RegExp(`^${PRINTABLE}+$`, 'u'),
    overflow: 'ellipsis',
    examples: ['十二月主题党日', '党员活动室（三楼）'],
  },
  short_thing: {
    label: '短事物',
    limit: '5个以内字符，可汉字、数字、字母或符号组合',
    maxLength: 5,
    pattern: new RegExp(`^${PRINTABLE}+$`, 'u'),
    overflow: 'ellipsis',
    examples: ['党课'],
  },
  number: {
    label: '数字',
    limit: '32位以内数字，只能数字，可带小数',
    maxLength: 32,
    pattern: /^\d+(?:\.\d+)?$/,
    overflow: 'formatted',
    examples: ['12', '3.5'],
  },
  letter: {
    label: '字母',
    limit: '32位以内字母，只能字母',
    maxLength: 32,
    pattern: /^[A-Za-z]+$/,
    overflow: 'formatted',
    examples: ['ABC'],
  },
  symbol: {
    label: '符号',
    limit: '5位以内符号，只能符号',
    maxLength: 5,
    pattern: new RegExp(`^${SYMBOL}+$`, 'u'),
    overflow: 'formatted',
    examples: ['#', '+-'],
  },
  character_string: {
    label: '字符串',
    limit: '32位以内数字、字母或符号，可数字、字母或符号组合',
    maxLength: 32,
    pattern: new RegExp(`^(?:[0-9A-Za-z]|${SYMBOL})+$`, 'u'),
    overflow: 'formatted',
    examples: ['2026-Q4', 'mtg_1'],
  },
  time: {
    label: '时间',
    limit: '24小时制时间格式（支持+年月日），支持填时间段，两个时间点之间用“~”符号连接',
    maxLength: 40,
    pattern: span(TIME_POINT),
    overflow: 'formatted',
    examples: ['15:01', '2019年10月1日 15:01', '2026年11月29日 14:30', '2026-11-29 14:30', '14:30~16:00'],
  },
  date: {
    label: '日期',
    limit: '年月日格式（支持+24小时制时间），支持填时间段，两个时间点之间用“~”符号连接',
    maxLength: 40,
    pattern: span(DATE_POINT),
    overflow: 'formatted',
    examples: ['2019年10月1日', '2019年10月1日 15:01', '2018-01-01', '2018/01/01', '2018.01.01', '2018-01', '01-01'],
  },
  amount: {
    label: '金额',
    limit: '1个币种符号+10位以内纯数字，可带小数，结尾可带“元”',
    maxLength: 16,
    pattern: /^[¥￥$€£]?\d{1,10}(?:\.\d{1,2})?元?$/,
    overflow: 'formatted',
    examples: ['¥100.00', '8.5元'],
  },
  phone_number: {
    label: '电话',
    limit: '17位以内，数字、符号',
    maxLength: 17,
    pattern: /^[\d+\-()]+$/,
    overflow: 'formatted',
    examples: ['+86-0766-66888866', '13800138000'],
  },
  car_number: {
    label: '车牌',
    limit: '8位以内，第一位与最后一位可为汉字，其余为字母或数字',
    maxLength: 8,
    pattern: new RegExp(`^(?:${HAN}|[A-Za-z0-9])[A-Za-z0-9]*(?:${HAN}|[A-Za-z0-9])?$`, 'u'),
    overflow: 'formatted',
    examples: ['粤A8Z888挂'],
  },
  name: {
    label: '姓名',
    limit: '10个以内纯汉字或20个以内纯字母或符号；中文和字母混合按中文名算，10个字内',
    maxLength: 20,
    maxLengthWithHan: 10,
    pattern: new RegExp(`^(?:${HAN}|[A-Za-z]|${SYMBOL})+$`, 'u'),
    overflow: 'ellipsis',
    examples: ['张建国', '阿依古丽·买买提', 'Zhang·Jianguo'],
  },
  phrase: {
    label: '汉字',
    limit: '5个以内纯汉字',
    maxLength: 5,
    pattern: new RegExp(`^${HAN}+$`, 'u'),
    overflow: 'vocabulary',
    examples: ['已安排', '待审批'],
  },
}

const HAN_RE = new RegExp(HAN, 'u')

/** The length WeChat's limit is held against: characters, one outside the BMP counting as two. */
function keywordLength(value: string): number {
  return value.length
}

/** The limit that applies to this value of this kind (a `name` with Han characters has the lower one). */
function keywordLimit(type: KeywordType, value: string): number {
  const rule = KEYWORD_RULES[type]
  return rule.maxLengthWithHan !== undefined && HAN_RE.test(value) ? rule.maxLengthWithHan : rule.maxLength
}

/**
 * Whether `value` may be sent as a keyword of kind `type`. Returns null when it may, otherwise what is
 * wrong, in English for logs and tests (e.g. `phrase: "已经安排好了" is 6 long, the limit is 5`).
 */
export function keywordProblem(type: KeywordType, value: string): string | null {
  const rule = KEYWORD_RULES[type]
  if (value.length === 0) return `${type}: empty`
  if (!rule.pattern.test(value))
    return `${type}: ${JSON.stringify(value)} has characters or a form ${type} does not allow`
  const limit = keywordLimit(type, value)
  if (keywordLength(value) > limit) {
    return `${type}: ${JSON.stringify(value)} is ${keywordLength(value)} long, the limit is ${limit}`
  }
  return null
}

/** Cuts free text to `limit` (UTF-16 length), never inside a character, ending in `…` when cut. */
function cutWithEllipsis(text: string, limit: number): string {
  if (text.length <= limit) return text
  let out = ''
  for (const ch of text) {
    if (out.length + ch.length > limit - 1) break
    out += ch
  }
  return `${out}…`
}

/** Line breaks, tabs and other invisible characters become single spaces; ends are trimmed. */
function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]+/gu, ' ').trim()
}

/**
 * Free text as a `thing` or `short_thing`: invisible characters become spaces, and text over the
 * limit is cut with `…` (the in-app 消息 keeps the whole text). An empty text becomes `—`.
 */
export function fitText(type: 'thing' | 'short_thing', text: string): string {
  const clean = printable(text)
  return clean ? cutWithEllipsis(clean, KEYWORD_RULES[type].maxLength) : '—'
}

/**
 * A person's name as a `name`: only Han characters, letters and symbols are kept (a space between
 * parts becomes `·`, digits are dropped), and a name over the limit (10 with Han, else 20) is cut
 * with `…`. A name with nothing left becomes `党员`.
 */
export function fitName(name: string): string {
  const kept = [...printable(name).replace(/\s+/g, '·')].filter((ch) => KEYWORD_RULES.name.pattern.test(ch)).join('')
  if (!kept) return '党员'
  return cutWithEllipsis(kept, keywordLimit('name', kept))
}

/** A moment as a `time`, in Beijing time: `2026年11月29日 14:30`. */
export function formatKeywordTime(ms: number): string {
  return beijing(ms).format('YYYY年M月D日 HH:mm')
}

/** A day as a `date`, in Beijing time: `2026年11月29日`. */
export function formatKeywordDate(ms: number): string {
  return beijing(ms).format('YYYY年M月D日')
}

/** A count as a `number`: a non-negative integer's digits. Throws RangeError for anything else. */
export function formatKeywordNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a keyword number must be a count, got ${n}`)
  return String(n)
}
