/**
 * No import circle in src/, type-only imports included. ESLint's `import/no-cycle` skips
 * `import type`, so a circle made of type imports (a registry importing its children's types while
 * they import the registry) passes lint; this test reads every .ts/.tsx file under src/ with the
 * TypeScript parser, follows every module specifier a file names — `import`, `import type`,
 * `export … from` (type-only too), `import x = require()`, `import('…')` in types and calls, and
 * `require()` — resolves the project's own ones (relative, or `@/` for src/; `.ts`, `.tsx`,
 * `/index.ts`, `/index.tsx`), and finds the strongly connected components of that graph (Tarjan).
 * Every component of more than one file, or a file importing itself, is a circle, named with one
 * concrete path through it.
 *
 * The same graph code is first run on small graphs held in memory, so a circle of two files joined
 * only by type imports is seen to fail, each import form is seen to count, and a graph without a
 * circle is seen to pass.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const ROOT = path.resolve(__dirname, '../..')

/** The module specifiers `text` (the source of `fileName`) names, in source order. */
function specifiersOf(fileName: string, text: string): string[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text)
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push(node.moduleReference.expression.text)
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal.text)
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length > 0 &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const SUFFIXES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx']

/**
 * The file (root-relative, `/`-separated, among `files`) that `specifier` in `from` names; null for
 * a package, or for a project path that is no .ts/.tsx file (a style sheet, an image).
 */
function resolveLocal(from: string, specifier: string, files: ReadonlySet<string>): string | null {
  const base = specifier.startsWith('.')
    ? path.posix.join(path.posix.dirname(from), specifier)
    : specifier.startsWith('@/')
      ? `src/${specifier.slice(2)}`
      : null
  if (base === null) return null
  for (const suffix of SUFFIXES) if (files.has(base + suffix)) return base + suffix
  return null
}

function isLocal(specifier: string): boolean {
  return specifier.startsWith('.') || specifier.startsWith('@/')
}

interface ImportGraph {
  /** Each file and the project files it imports (sorted, without repeats). */
  edges: Map<string, string[]>
  /** Project specifiers that name no .ts/.tsx file, with the file that wrote them. */
  unresolved: { from: string; specifier: string }[]
}

/** The import graph of `sources` (root-relative path → text). */
function importGraph(sources: ReadonlyMap<string, string>): ImportGraph {
  const files = new Set(sources.keys())
  const edges = new Map<string, string[]>()
  const unresolved: ImportGraph['unresolved'] = []
  for (const [file, text] of sources) {
    const targets = new Set<string>()
    for (const specifier of specifiersOf(file, text)) {
      if (!isLocal(specifier)) continue
      const target = resolveLocal(file, specifier, files)
      if (target) targets.add(target)
      else unresolved.push({ from: file, specifier })
    }
    edges.set(file, [...targets].sort())
  }
  return { edges, unresolved }
}

/**
 * The circles of `edges`: each strongly connected component of more than one file, or a file that
 * imports itself, as its files sorted; the list sorted by first file. Tarjan's algorithm.
 */
function circlesOf(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const circles: string[][] = []
  const connect = (file: string): void => {
    index.set(file, next)
    low.set(file, next)
    next += 1
    stack.push(file)
    onStack.add(file)
    for (const target of edges.get(file) ?? []) {
      if (!index.has(target)) {
        connect(target)
        low.set(file, Math.min(low.get(file)!, low.get(target)!))
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!))
      }
    }
    if (low.get(file) !== index.get(file)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== file)
    if (component.length > 1 || (edges.get(file) ?? []).includes(file)) circles.push(component.sort())
  }
  for (const file of [...edges.keys()].sort()) if (!index.has(file)) connect(file)
  return circles.sort((a, b) => a[0].localeCompare(b[0]))
}

/** One path of imports around `circle` (from its first file back to it), e.g. `a.ts → b.ts → a.ts`. */
function circlePath(circle: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string {
  const inside = new Set(circle)
  const start = circle[0]
  const cameFrom = new Map<string, string>()
  const queue = [start]
  while (queue.length > 0) {
    const file = queue.shift()!
    for (const target of edges.get(file) ?? []) {
      if (!inside.has(target) || cameFrom.has(target)) continue
      cameFrom.set(target, file)
      if (target === start) queue.length = 0
      else queue.push(target)
    }
  }
  const walk = [start]
  for (let file = cameFrom.get(start)!; file !== start; file = cameFrom.get(file)!) walk.unshift(file)
  walk.unshift(start)
  return walk.join(' → ')
}

/** Each circle as `path (files)`, the way a failure names it. */
function describeCircles(edges: ReadonlyMap<string, readonly string[]>): string[] {
  return circlesOf(edges).map((c) => `${circlePath(c, edges)}  [${c.length} files: ${c.join(', ')}]`)
}

/** Every .ts/.tsx file under `dir` (root-relative), with its text. */
function readSources(dir: string, into = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name)
    if (entry.isDirectory()) readSources(rel, into)
    else if (/\.tsx?$/.test(entry.name)) into.set(rel, readFileSync(path.join(ROOT, rel), 'utf8'))
  }
  return into
}

describe('the import-circle check on small graphs', () => {
  it('fails a circle of two files joined only by type imports, naming both', () => {
    const graph = importGraph(
      new Map([
        ['src/registry.ts', "import type { Child } from './child'\nexport interface Registry { child: Child }\n"],
        ['src/child.ts', "import type { Registry } from './registry'\nexport interface Child { up?: Registry }\n"],
        ['src/user.ts', "import type { Child } from './child'\nexport const n = (c: Child) => c\n"],
      ]),
    )
    expect(graph.unresolved).toEqual([])
    expect(circlesOf(graph.edges)).toEqual([['src/child.ts', 'src/registry.ts']])
    expect(describeCircles(graph.edges)).toEqual([
      'src/child.ts → src/registry.ts → src/child.ts  [2 files: src/child.ts, src/registry.ts]',
    ])
  })

  it.each([
    ['import type', "import type { B } from './b'\nexport type A = B"],
    ['a type import inside braces', "import { type B } from './b'\nexport type A = B"],
    ['export type … from', "export type { B } from './b'"],
    ['export * from', "export * from './b'"],
    ['an import() type', "export type A = import('./b').B"],
    ['a dynamic import()', "export const load = () => import('./b')"],
    ['require()', "export const b = require('./b')"],
    ['import = require()', "import b = require('./b')\nexport const a = b"],
    ['a side-effect import', "import './b'"],
    ['the @/ alias', "import type { B } from '@/b'\nexport type A = B"],
    ['a .ts extension', "import type { B } from './b.ts'\nexport type A = B"],
  ])('counts %s as an import', (_form, codeOfA) => {
    const graph = importGraph(
      new Map([
        ['src/a.ts', codeOfA],
        ['src/b.ts', "import { a } from './a'\nexport const b = a\n"],
      ]),
    )
    expect(circlesOf(graph.edges)).toEqual([['src/a.ts', 'src/b.ts']])
  })

  it('resolves a folder to its index.ts and a .tsx file, and finds a three-file circle through them', () => {
    const graph = importGraph(
      new Map([
        ['src/pages/home.tsx', "import { store } from '../state'\nexport const Home = () => store"],
        ['src/state/index.ts', "import { fetch } from '../net/fetch'\nexport const store = fetch"],
        ['src/net/fetch.ts', "import type { Home } from '../pages/home'\nexport const fetch = (h?: typeof Home) => h"],
      ]),
    )
    expect(describeCircles(graph.edges)).toEqual([
      'src/net/fetch.ts → src/pages/home.tsx → src/state/index.ts → src/net/fetch.ts' +
        '  [3 files: src/net/fetch.ts, src/pages/home.tsx, src/state/index.ts]',
    ])
  })

  it('fails a file that imports itself', () => {
    const graph = importGraph(new Map([['src/self.ts', "import type { S } from './self'\nexport type S = { s?: S }"]]))
    expect(circlesOf(graph.edges)).toEqual([['src/self.ts']])
  })

  it('passes chains and diamonds, ignores packages and reports a project path that is no source file', () => {
    const graph = importGraph(
      new Map([
        ['src/top.ts', "import { l } from './left'\nimport { r } from './right'\nimport React from 'react'\n"],
        ['src/left.ts', "import type { D } from './down'\nexport const l = 1"],
        ['src/right.ts', "import { d } from './down'\nimport './right.scss'\nexport const r = d"],
        ['src/down.ts', "import { z } from 'zod'\nexport const d = z\nexport type D = number"],
      ]),
    )
    expect(circlesOf(graph.edges)).toEqual([])
    expect(graph.edges.get('src/top.ts')).toEqual(['src/left.ts', 'src/right.ts'])
    expect(graph.unresolved).toEqual([{ from: 'src/right.ts', specifier: './right.scss' }])
  })
})

describe('src/', () => {
  const sources = readSources('src')
  const graph = importGraph(sources)

  it('resolves every project import to a source file, or to a file that is not code (style sheet, image)', () => {
    expect(sources.size).toBeGreaterThan(0)
    const missing = graph.unresolved
      .filter(({ from, specifier }) => {
        const target = specifier.startsWith('@/')
          ? path.join(ROOT, 'src', specifier.slice(2))
          : path.join(ROOT, path.dirname(from), specifier)
        return /\.tsx?$/.test(target) || !existsSync(target)
      })
      .map(({ from, specifier }) => `${from}: ${specifier}`)
    expect(missing).toEqual([])
  })

  it('has no import circle, type imports included', () => {
    expect(describeCircles(graph.edges)).toEqual([])
  })
})
