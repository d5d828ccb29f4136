/**
 * How big one call may be. A cloud function's request body is limited to 100 KB of text by
 * CloudBase (error EXCEED_MAX_PAYLOAD_SIZE), and WeChat's `callFunction` documents 100 KB as the
 * line past which data must not travel inline. Files therefore go to storage first and travel as a
 * file id; every other input is bounded so that its largest possible encoding fits (checked for
 * every declared action by tests/unit/request-size.test.ts).
 */
import { z } from 'zod'

/**
 * The largest event (`{ action, input, requestId }` as JSON, in UTF-8 bytes) a declared input may
 * produce: 100,000 bytes, which leaves 2,400 bytes of the 100 KiB for WeChat's own wrapping.
 */
export const REQUEST_LIMIT_BYTES = 100_000

/**
 * The size in UTF-8 bytes of `JSON.stringify(value)`: what the value weighs in a request.
 * Takes any JSON value; `undefined` weighs 0.
 */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value)
  if (text === undefined) return 0
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one character of four bytes (JSON.stringify escapes lone surrogates).
      bytes += 4
      i += 1
    } else bytes += 3
  }
  return bytes
}

/**
 * Caps the encoded size of a value whose fields are each bounded but whose sum could exceed the
 * request limit (a long minutes record: thirty items of up to 5,000 characters each). The check
 * runs wherever the schema does (the form before sending, the router on arrival), and the bound is
 * recorded as `maxJsonBytes` in the schema's metadata, where the request-size test finds it.
 *
 * `schema`: the object to cap; `maxBytes`: its largest encoding in UTF-8 bytes; `message(chars)`:
 * the Chinese message for a value over the cap, given the cap in characters of Chinese text
 * (three bytes each) so it can say how much fits. Returns the schema with the check and metadata.
 */
export function withinBytes<T extends z.ZodType>(schema: T, maxBytes: number, message: (chars: number) => string): T {
  return schema
    .superRefine((value, ctx) => {
      if (jsonBytes(value) > maxBytes) ctx.addIssue({ code: 'custom', message: message(Math.floor(maxBytes / 3)) })
    })
    .meta({ maxJsonBytes: maxBytes }) as T
}
