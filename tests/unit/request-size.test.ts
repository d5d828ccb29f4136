/**
 * No call may carry more than WeChat's 100 KB (src/domain/api/request-size.ts). Every action's input
 * schema is turned into JSON Schema by zod and walked for the largest encoding it accepts: a string
 * weighs its quotes plus its maximum length × 4 bytes (UTF-8's worst per character) — or × 1 when its
 * pattern admits only plain ASCII letters and digits — an array its maximum items, an object every
 * property at once. An unbounded string or array, an object open to unknown keys, or a worst case
 * over the limit fails, naming the action and the field. Files never count: they go to storage and
 * arrive as a file id.
 */
import { z } from 'zod'
import { ACTIONS } from '../../src/domain/api/catalog'
import type { ActionDecl } from '../../src/domain/api/define'
import { jsonBytes, REQUEST_LIMIT_BYTES, withinBytes } from '../../src/domain/api/request-size'

type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  additionalProperties?: boolean | JsonSchema
  propertyNames?: JsonSchema
  items?: JsonSchema
  prefixItems?: JsonSchema[]
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  maxLength?: number
  maxItems?: number
  pattern?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  maxJsonBytes?: number
  $ref?: string
  $defs?: Record<string, JsonSchema>
}

/** Bytes of UTF-8 per character of free text: the worst case of any character. */
const FREE_TEXT = 4

// ---- the longest string a pattern matches, and how many bytes each of its characters can take ----

interface PatternBound {
  /** Infinity when a quantifier is unbounded. */
  maxChars: number
  /** 1 for letters, digits and plain punctuation; 2 when `"` or `\` (escaped in JSON) can occur; else FREE_TEXT. */
  bytesPerChar: number
}

const SAFE_ASCII = /^[\x20-\x7e]$/

function charBytes(code: number): number {
  const ch = String.fromCharCode(code)
  if (ch === '"' || ch === '\\') return 2
  return SAFE_ASCII.test(ch) ? 1 : FREE_TEXT
}

/** Bytes per character of a class body `a-z0-9_`, or FREE_TEXT when negated or holding wide escapes. */
function classBytes(body: string): number {
  if (body.startsWith('^')) return FREE_TEXT
  let worst = 1
  const chars: number[] = []
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      const e = body[++i]
      if (e === 'd' || e === 'w') continue
      if ('sSDWbBpPu'.includes(e)) return FREE_TEXT
      chars.push(e.charCodeAt(0))
    } else if (body[i + 1] === '-' && i + 2 < body.length) {
      const from = body.charCodeAt(i)
      const to = body[i + 2] === '\\' ? body.charCodeAt(i + 3) : body.charCodeAt(i + 2)
      for (let c = from; c <= to; c++) chars.push(c)
      i += body[i + 2] === '\\' ? 3 : 2
    } else chars.push(body.charCodeAt(i))
  }
  for (const c of chars) worst = Math.max(worst, charBytes(c))
  return worst
}

/** Parses an anchored pattern; null when it is not anchored at both ends (it could match any text around). */
export function patternBound(source: string): PatternBound | null {
  if (!source.startsWith('^') || !source.endsWith('$') || source.endsWith('\\$')) return null
  let i = 1
  const end = source.length - 1
  let bytesPerChar = 1

  // Sequence := (atom quantifier?)* ; Alternation := Sequence ('|' Sequence)*
  function alternation(): number {
    let best = sequence()
    while (source[i] === '|') {
      i++
      best = Math.max(best, sequence())
    }
    return best
  }
  function sequence(): number {
    let total = 0
    while (i < end && source[i] !== '|' && source[i] !== ')') {
      const width = atom()
      total += width * quantifier()
    }
    return total
  }
  function atom(): number {
    const c = source[i]
    if (c === '(') {
      i++
      let lookaround = false
      if (source[i] === '?') {
        lookaround = source[i + 1] === '=' || source[i + 1] === '!'
        i += 2
      }
      const width = alternation()
      if (source[i] !== ')') throw new Error(`unbalanced group in /${source}/`)
      i++
      return lookaround ? 0 : width
    }
    if (c === '[') {
      const close = source.indexOf(']', i + 2)
      bytesPerChar = Math.max(bytesPerChar, classBytes(source.slice(i + 1, close)))
      i = close + 1
      return 1
    }
    if (c === '\\') {
      const e = source[i + 1]
      i += 2
      if (e === 'd' || e === 'w') return 1
      if (e === 'b' || e === 'B') return 0
      if ('sSDWpPu'.includes(e)) bytesPerChar = FREE_TEXT
      else bytesPerChar = Math.max(bytesPerChar, charBytes(e.charCodeAt(0)))
      return 1
    }
    if (c === '.') {
      i++
      bytesPerChar = FREE_TEXT
      return 1
    }
    if (c === '^' || c === '$') {
      i++
      return 0
    }
    i++
    bytesPerChar = Math.max(bytesPerChar, charBytes(c.charCodeAt(0)))
    return 1
  }
  function quantifier(): number {
    const c = source[i]
    let times = 1
    if (c === '*' || c === '+') {
      i++
      times = Infinity
    } else if (c === '?') {
      i++
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i))
      if (!m) return 1
      i += m[0].length
      times = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3])
    }
    if (source[i] === '?' && times !== 1) i++ // lazy
    return times
  }

  const maxChars = alternation()
  if (i !== end) throw new Error(`cannot read /${source}/ at ${i}`)
  return { maxChars, bytesPerChar }
}

// ---- the largest encoding of a JSON Schema ----

interface Walk {
  problems: string[]
  defs: Record<string, JsonSchema>
}

const MAX_NUMBER_CHARS = 24 // -1.2345678901234567e-308

function numberChars(s: JsonSchema, integer: boolean): number {
  if (!integer) return MAX_NUMBER_CHARS
  const lo = s.minimum ?? s.exclusiveMinimum ?? Number.MIN_SAFE_INTEGER
  const hi = s.maximum ?? s.exclusiveMaximum ?? Number.MAX_SAFE_INTEGER
  return Math.max(String(Math.trunc(lo)).length, String(Math.trunc(hi)).length)
}

function worstBytes(s: JsonSchema, path: string, w: Walk): number {
  const bound = structuralBytes(s, path, w)
  return s.maxJsonBytes !== undefined ? Math.min(bound, s.maxJsonBytes) : bound
}

function structuralBytes(s: JsonSchema, path: string, w: Walk): number {
  if (s.$ref) {
    const def = w.defs[s.$ref.replace('#/$defs/', '')]
    if (!def) {
      w.problems.push(`${path}: refers to ${s.$ref}, which a recursive schema cannot bound`)
      return Infinity
    }
    return worstBytes(def, path, w)
  }
  const variants = s.anyOf ?? s.oneOf
  if (variants) return Math.max(...variants.map((v) => worstBytes(v, path, w)))
  if (s.allOf) return Math.min(...s.allOf.map((v) => worstBytes(v, path, w)))
  if (s.enum) return Math.max(...s.enum.map((v) => jsonBytes(v)))
  if (s.const !== undefined) return jsonBytes(s.const)
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : []
  if (types.length === 0) {
    w.problems.push(`${path}: accepts any value`)
    return Infinity
  }
  return Math.max(...types.map((t) => typedBytes(t, s, path, w)))
}

function typedBytes(type: string, s: JsonSchema, path: string, w: Walk): number {
  switch (type) {
    case 'null':
      return 4
    case 'boolean':
      return 5
    case 'integer':
    case 'number':
      return numberChars(s, type === 'integer')
    case 'string': {
      const pattern = s.pattern ? patternBound(s.pattern) : null
      const chars = Math.min(s.maxLength ?? Infinity, pattern?.maxChars ?? Infinity)
      if (chars === Infinity) {
        w.problems.push(`${path}: a string without a maximum length`)
        return Infinity
      }
      return 2 + chars * (pattern?.bytesPerChar ?? FREE_TEXT)
    }
    case 'array': {
      if (s.prefixItems) {
        const items = s.prefixItems.map((item, k) => worstBytes(item, `${path}.${k}`, w))
        return 2 + items.reduce((a, b) => a + b, 0) + Math.max(0, items.length - 1)
      }
      if (s.maxItems === undefined) {
        w.problems.push(`${path}: a list without a maximum number of items`)
        return Infinity
      }
      const item = s.items ? worstBytes(s.items, `${path}[]`, w) : Infinity
      if (!s.items) w.problems.push(`${path}[]: items of any kind`)
      return 2 + s.maxItems * item + Math.max(0, s.maxItems - 1)
    }
    case 'object': {
      // Every property at once, each `"key":value`, with a comma between two.
      const members: number[] = Object.entries(s.properties ?? {}).map(
        ([key, value]) => jsonBytes(key) + 1 + worstBytes(value, path ? `${path}.${key}` : key, w),
      )
      const extra = s.additionalProperties
      const keys = s.propertyNames?.enum
      if (extra !== false && keys && typeof extra === 'object') {
        for (const key of keys) members.push(jsonBytes(key) + 1 + worstBytes(extra, `${path}.${String(key)}`, w))
      } else if (extra !== false) {
        w.problems.push(`${path || '(input)'}: an object that accepts unknown keys (add .strict())`)
        return Infinity
      }
      return 2 + members.reduce((a, b) => a + b, 0) + Math.max(0, members.length - 1)
    }
    default:
      w.problems.push(`${path}: type ${type} cannot be bounded`)
      return Infinity
  }
}

/** The largest event an action's input can make, and what makes it unbounded. */
export function worstEvent(decl: ActionDecl): { bytes: number; problems: string[] } {
  const schema = z.toJSONSchema(decl.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema
  const w: Walk = { problems: [], defs: schema.$defs ?? {} }
  const input = worstBytes(schema, '', w)
  // The event around the input: the action's name and the longest request id the router accepts.
  const envelope = jsonBytes({ action: decl.name, input: null, requestId: 'r'.repeat(64) }) - jsonBytes(null)
  return { bytes: envelope + input, problems: w.problems }
}

const decls = Object.values(ACTIONS) as ActionDecl[]

describe('reading a pattern', () => {
  test('fixed shapes have a length; repetition without an end has none', () => {
    expect(patternBound('^\\d{4}-\\d{2}-\\d{2}$')).toEqual({ maxChars: 10, bytesPerChar: 1 })
    expect(patternBound('^1\\d{10}$')).toEqual({ maxChars: 11, bytesPerChar: 1 })
    expect(patternBound('^([01]\\d|2[0-3]):[0-5]\\d$')).toEqual({ maxChars: 5, bytesPerChar: 1 })
    expect(patternBound('^(chair|notes|items\\.\\d{1,2}\\.(topic|speeches))$')).toEqual({
      maxChars: 17,
      bytesPerChar: 1,
    })
    expect(patternBound('^[A-Za-z0-9_-]+$')?.maxChars).toBe(Infinity)
    expect(patternBound('^a{2,}$')?.maxChars).toBe(Infinity)
    // Unanchored patterns match inside any text; wide classes may hold any character.
    expect(patternBound('\\d{4}')).toBeNull()
    expect(patternBound('^[^,]{3}$')).toEqual({ maxChars: 3, bytesPerChar: FREE_TEXT })
    expect(patternBound('^.{2}$')).toEqual({ maxChars: 2, bytesPerChar: FREE_TEXT })
    expect(patternBound('^[a"]{2}$')).toEqual({ maxChars: 2, bytesPerChar: 2 })
  })
})

describe('the walk', () => {
  const decl = (input: z.ZodType) => ({ name: 'x.y', input }) as unknown as ActionDecl

  test('finds an unbounded string, list and open object, naming the field', () => {
    const open = worstEvent(
      decl(
        z.object({
          a: z.string(),
          b: z.array(z.string().max(3)),
          c: z.object({ d: z.number() }),
          e: z.string().regex(/^[a-z]+$/),
        }),
      ),
    )
    expect(open.bytes).toBe(Infinity)
    expect(open.problems).toEqual([
      'a: a string without a maximum length',
      'b: a list without a maximum number of items',
      'c: an object that accepts unknown keys (add .strict())',
      'e: a string without a maximum length',
      '(input): an object that accepts unknown keys (add .strict())',
    ])
  })

  test('adds up the largest value of every field, and honours a declared cap', () => {
    const fields = z.object({ t: z.string().max(10), n: z.array(z.boolean()).max(3) }).strict()
    const empty = worstEvent(decl(z.object({}).strict())).bytes
    // The longest value: ten characters of four bytes, and three `false`.
    const longest = jsonBytes({ t: '', n: [false, false, false] }) + 10 * 4
    expect(worstEvent(decl(fields)).bytes - empty).toBe(longest - jsonBytes({}))
    const capped = withinBytes(fields, 30, () => '太长')
    expect(worstEvent(decl(capped)).bytes - empty).toBe(30 - jsonBytes({}))
    // The cap is checked, not only declared.
    expect(capped.safeParse({ t: '党'.repeat(10), n: [] }).success).toBe(false)
    expect(capped.safeParse({ t: '党', n: [] }).success).toBe(true)
  })
})

test('jsonBytes counts what JSON.stringify sends, in UTF-8', () => {
  expect(jsonBytes('ab')).toBe(4)
  expect(jsonBytes('党')).toBe(5)
  expect(jsonBytes('𠀀')).toBe(6)
  expect(jsonBytes('a"b')).toBe(6)
  expect(jsonBytes({ a: [1, null] })).toBe(14)
  expect(jsonBytes(undefined)).toBe(0)
  expect(jsonBytes('x'.repeat(1000))).toBe(Buffer.byteLength(JSON.stringify('x'.repeat(1000))))
  const mixed = { a: '党支部 meeting 𠀀\n"quoted"', b: [1.5, -2, true] }
  expect(jsonBytes(mixed)).toBe(Buffer.byteLength(JSON.stringify(mixed)))
})

test('no declared input can make a call larger than WeChat allows', () => {
  const failures: string[] = []
  for (const d of decls) {
    const { bytes, problems } = worstEvent(d)
    for (const p of problems) failures.push(`${d.name}: ${p}`)
    if (problems.length === 0 && bytes > REQUEST_LIMIT_BYTES) {
      failures.push(`${d.name}: up to ${bytes} bytes, over the ${REQUEST_LIMIT_BYTES}-byte limit`)
    }
  }
  expect(failures).toEqual([])
})
