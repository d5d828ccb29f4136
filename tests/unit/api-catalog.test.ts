import { readFileSync } from 'node:fs'
import { ACTIONS } from '../../src/domain/api/catalog'
import type { ActionDecl } from '../../src/domain/api/define'
import { HANDLERS } from '../../src/cloud/actions'
import { API_DOC, renderApiDoc } from '../../scripts/api-docs'

const decls = Object.values(ACTIONS) as ActionDecl[]

test('every declared action has exactly one handler, and no handler lacks a declaration', () => {
  expect(Object.keys(HANDLERS).sort()).toEqual(Object.keys(ACTIONS).sort())
  for (const [key, decl] of Object.entries(ACTIONS)) expect(decl.name).toBe(key)
})

test('member actions name at least one role; writes are never public', () => {
  for (const d of decls) {
    if (d.access.kind === 'member') expect(d.access.roles.length).toBeGreaterThan(0)
    if (d.write) expect(d.access.kind).not.toBe('public')
    expect(d.summary).toMatch(/[\u4e00-\u9fff]/)
  }
})

test('docs/api.md is what the declarations generate (run `npm run docs:api` after changing them)', () => {
  expect(readFileSync(API_DOC, 'utf8')).toBe(renderApiDoc())
}, 30_000)
