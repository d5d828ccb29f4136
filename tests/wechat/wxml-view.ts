/**
 * The view layer of the simulated mini-program: WeChat's own template compiler output (`$gwx`, from
 * wcc via scripts/wechat-compilers.ts) evaluated in a separate realm, as WeChat's webview does,
 * rendering a page's virtual tree from the data the logic layer set with `setData`. Custom
 * components used by a template (Taro's recursive `comp`) are rendered with the properties the
 * template passes them, from their own compiled template.
 *
 *   createTemplates(js) → Templates · renderTree(templates, page, data, components) → ViewNode
 *   applySetData(data, update) · visibleText(node) · findById(node, id) · findByText(node, text)
 */
import path from 'node:path'
import vm from 'node:vm'

/** A node of the rendered tree: a built-in component (`wx-view`, `wx-text`, …) or a page root. */
export interface ViewNode {
  /** wcc's tag: `wx-` and the component name, `wx-page` for the root. */
  tag: string
  /** Attribute values after evaluating the template's expressions (`bindtap: 'eh'`, `class`, `id`, `data-sid`…). */
  attr: Record<string, unknown>
  children: ViewChild[]
  parent: ViewNode | null
  /** The page or custom component whose template produced the node; its methods handle the node's events. */
  owner: ViewOwner
}

export type ViewChild = ViewNode | string

/** Who owns a part of the tree: the page, or a custom component instance with its own data. */
export interface ViewOwner {
  /** Build-relative path without extension, e.g. `pages/index/index` or `comp`. */
  path: string
  /** Calls one of the owner's methods (an event handler named in `bindtap` …). */
  callMethod(name: string, event: unknown): unknown
}

/** wcc's `$gwx`: the generate function for one template file, or undefined when the file is unknown. */
type Gwx = (wxmlPath: string) => ((data: unknown) => RawNode) | undefined

interface RawNode {
  tag: string
  attr?: Record<string, unknown>
  children?: (RawNode | string | number)[]
}

/** The compiled templates of a build, evaluated once; warnings of the template runtime are kept. */
export interface Templates {
  generate(wxmlPath: string): (data: unknown) => RawNode
  /** Messages of wcc's runtime (`WXMLRT_$gwx:…`): a template not found, a recursive call … */
  warnings: string[]
}

/**
 * Evaluates wcc's `$gwx` script in a fresh realm standing for the webview (`window` is the realm's
 * own global, as in a browser; no `document` is needed for generating trees).
 * @param js wcc's output for the whole build (`compileTemplates()` of scripts/wechat-compilers.ts).
 * @returns the templates; `generate()` throws when a page has no compiled template.
 */
export function createTemplates(js: string): Templates {
  const warnings: string[] = []
  const record = (...args: unknown[]) => warnings.push(args.map(String).join(' '))
  const realm = vm.createContext({ console: { log: record, warn: record, error: record, info: record } })
  vm.runInContext('var window = globalThis;', realm)
  const gwx = vm.runInContext(`${js}\n;$gwx`, realm, { filename: 'wcc-$gwx.js' }) as Gwx
  // Data reaches the webview as JSON and is parsed there: the template runtime (and WXS, which
  // checks `constructor === Object`) must see objects of its own realm.
  const parse = vm.runInContext('JSON.parse', realm) as (text: string) => unknown
  const cache = new Map<string, (data: unknown) => RawNode>()
  return {
    warnings,
    generate(wxmlPath) {
      let fn = cache.get(wxmlPath)
      if (!fn) {
        const generate = gwx(wxmlPath)
        if (typeof generate !== 'function') throw new Error(`wcc compiled no template ${wxmlPath}`)
        fn = (data) => generate(parse(JSON.stringify(data ?? {})))
        cache.set(wxmlPath, fn)
      }
      return fn
    },
  }
}

/** A custom component as the renderer needs it: its template, properties and methods. */
export interface ComponentDef {
  /** Build-relative path without extension. */
  path: string
  /** The `properties` of its Component() definition: name → default value. */
  propertyDefaults: Record<string, unknown>
  /** Its `data` from the definition. */
  data: Record<string, unknown>
  /** Its `usingComponents` (tag → build-relative path). */
  usingComponents: Record<string, string>
  /** `options.virtualHost`: the component leaves no host node in the tree. */
  virtualHost: boolean
  methods: Record<string, (this: unknown, event: unknown) => unknown>
}

/** Resolves a custom component by its build-relative path (loading its .json and .js on first use). */
export type ComponentLoader = (componentPath: string) => ComponentDef

/** The page to render: its path, `usingComponents` and how to call its methods. */
export interface PageView {
  path: string
  usingComponents: Record<string, string>
  owner: ViewOwner
}

const MAX_COMPONENT_DEPTH = 64

/**
 * Renders a page: its template with `data`, then each custom component in it with the properties
 * the template gives it, recursively. Text children stay strings.
 * @returns the root node (`wx-page`).
 * @throws Error when a template is missing or throws (wcc's own errors, such as its 16,000-node limit).
 */
export function renderTree(templates: Templates, page: PageView, data: unknown, load: ComponentLoader): ViewNode {
  const raw = templates.generate(`${page.path}.wxml`)(data)
  const root: ViewNode = { tag: raw.tag, attr: {}, children: [], parent: null, owner: page.owner }
  adopt(root, raw.children ?? [], page.owner, page.path, page.usingComponents, templates, load, 0)
  return root
}

function adopt(
  parent: ViewNode,
  children: (RawNode | string | number)[],
  owner: ViewOwner,
  ownerPath: string,
  using: Record<string, string>,
  templates: Templates,
  load: ComponentLoader,
  depth: number,
): void {
  for (const child of children) {
    if (typeof child === 'string' || typeof child === 'number') {
      parent.children.push(String(child))
      continue
    }
    const name = child.tag.replace(/^wx-/, '')
    const attr = child.attr ?? {}
    const componentRef = using[name]
    if (componentRef === undefined) {
      const node: ViewNode = { tag: child.tag, attr, children: [], parent, owner }
      parent.children.push(node)
      adopt(node, child.children ?? [], owner, ownerPath, using, templates, load, depth)
      continue
    }
    if (depth >= MAX_COMPONENT_DEPTH) throw new Error(`custom components nested deeper than ${MAX_COMPONENT_DEPTH}`)
    const def = load(resolveComponent(ownerPath, componentRef))
    const props: Record<string, unknown> = { ...def.propertyDefaults }
    for (const key of Object.keys(def.propertyDefaults)) if (key in attr) props[key] = attr[key]
    const componentData = { ...def.data, ...props }
    const instance: ViewOwner = {
      path: def.path,
      callMethod(method, event) {
        const fn = def.methods[method]
        if (typeof fn !== 'function') throw new Error(`${def.path} has no method ${method}`)
        return fn.call({ data: componentData, properties: componentData, is: def.path }, event)
      },
    }
    const shadow = templates.generate(`${def.path}.wxml`)(componentData)
    // A virtual host leaves no node of its own: the component's tree sits in the parent's place.
    const host = def.virtualHost ? parent : { tag: child.tag, attr, children: [], parent, owner }
    if (host !== parent) parent.children.push(host)
    adopt(host, shadow.children ?? [], instance, def.path, def.usingComponents, templates, load, depth + 1)
  }
}

/** A `usingComponents` value resolved against the file that declares it (leading `/` = build root). */
export function resolveComponent(ownerPath: string, ref: string): string {
  return ref.startsWith('/') ? path.posix.normalize(ref.slice(1)) : path.posix.join(path.posix.dirname(ownerPath), ref)
}

/**
 * Applies one `setData` object to page data the way WeChat does: each key is a data path
 * (`a.b`, `list[0].name`, Taro's `root.cn.[0]`), parsed by WeChat's own component framework
 * (miniprogram-exparser's `dataPath.parseSinglePath`); missing intermediate levels are created
 * (an array before a numeric index, otherwise an object). Values are copied, never shared.
 * @throws Error on a path WeChat cannot parse.
 */
export function applySetData(data: Record<string, unknown>, update: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(update)) {
    const steps = parseDataPath(key)
    let target: Record<string | number, unknown> = data
    for (let i = 0; i < steps.length - 1; i++) {
      const step = steps[i]
      const next = target[step]
      if (next === null || typeof next !== 'object') {
        target[step] = typeof steps[i + 1] === 'number' ? [] : {}
      }
      target = target[step] as Record<string | number, unknown>
    }
    target[steps[steps.length - 1]] = value === undefined ? undefined : JSON.parse(JSON.stringify(value))
  }
}

// WeChat's own data-path parser, from its component framework (the package j-component and
// miniprogram-simulate build on).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const exparser = require('miniprogram-exparser') as { dataPath: { parseSinglePath(p: string): (string | number)[] } }

function parseDataPath(key: string): (string | number)[] {
  const steps = exparser.dataPath.parseSinglePath(key)
  if (!Array.isArray(steps) || steps.length === 0) throw new Error(`setData path WeChat cannot parse: ${key}`)
  return steps
}

const INLINE_TAGS = new Set(['wx-text', 'wx-label', 'wx-navigator', 'wx-rich-text'])

function hidden(node: ViewNode): boolean {
  if (node.attr.hidden === true) return true
  const style = node.attr.style
  return typeof style === 'string' && /(^|;)\s*display\s*:\s*none\b/.test(style)
}

/**
 * The text a person would see, one line per block element (views break lines, text runs inline),
 * with each input's value or placeholder, skipping hidden nodes (`hidden`, `display:none`).
 * Lines are trimmed; empty lines dropped.
 */
export function visibleText(node: ViewNode): string {
  const parts: string[] = []
  const walk = (n: ViewNode) => {
    if (hidden(n)) return
    const block = !INLINE_TAGS.has(n.tag)
    if (block) parts.push('\n')
    // A field shows what was typed, or its placeholder while empty.
    if (n.tag === 'wx-input' || n.tag === 'wx-textarea') parts.push(String(n.attr.value || n.attr.placeholder || ''))
    for (const c of n.children) {
      if (typeof c === 'string') parts.push(c)
      else walk(c)
    }
    if (block) parts.push('\n')
  }
  walk(node)
  return parts
    .join('')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n')
}

/** Every node of the tree, depth first. */
export function allNodes(node: ViewNode): ViewNode[] {
  const out: ViewNode[] = [node]
  for (const c of node.children) if (typeof c !== 'string') out.push(...allNodes(c))
  return out
}

/** The node with this `id` attribute (Taro puts a component's `id` there), or undefined. */
export function findById(root: ViewNode, id: string): ViewNode | undefined {
  return allNodes(root).find((n) => n.attr.id === id)
}

/** The innermost visible node whose own text children include `text`, or undefined. */
export function findByText(root: ViewNode, text: string): ViewNode | undefined {
  return allNodes(root)
    .filter((n) => !hidden(n) && n.children.some((c) => typeof c === 'string' && c.includes(text)))
    .pop()
}

/** `data-*` attributes as WeChat's `dataset` (`data-sid` → `sid`, `data-foo-bar` → `fooBar`). */
export function datasetOf(node: ViewNode): Record<string, unknown> {
  const dataset: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node.attr)) {
    if (k.startsWith('data-')) dataset[k.slice(5).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = v
  }
  return dataset
}
