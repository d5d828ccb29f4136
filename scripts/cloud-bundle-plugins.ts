/**
 * The esbuild plugins that trim the cloud function bundles (scripts/build-cloud.ts): only the zod
 * locales the server configures, none of zod's JSON Schema code, only iconv-lite's Chinese tables,
 * and lazy parts loaded with `require` beside index.js.
 */
import type { Plugin } from 'esbuild'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/** The zod locales the server configures (router.ts: `z.config(z.locales.zhCN())`). */
const ZOD_LOCALES: Record<string, string> = { zhCN: 'zh-CN' }

/**
 * `z.locales` is a namespace of every language zod ships, some 350 KB the bundler cannot drop
 * because it is reached through an object. Bundle only the locales the server uses, and refuse to
 * build if the code asks for another one, which would otherwise be undefined at run time.
 */
export function onlyUsedZodLocales(): Plugin {
  return {
    name: 'only-used-zod-locales',
    setup(b) {
      b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
        contents: Object.entries(ZOD_LOCALES)
          .map(([name, file]) => `export { default as ${name} } from './${file}.js'`)
          .join('\n'),
        loader: 'js',
      }))
    },
  }
}

/** zod modules the cloud function never runs; see withoutZodJsonSchema. */
const ZOD_UNUSED_ON_SERVER =
  /[\\/]zod[\\/]v4[\\/](core[\\/](compile|json-schema-processors|to-json-schema|json-schema-generator)|classic[\\/]from-json-schema)\.js$/

/**
 * zod's JSON Schema conversion (both ways) and its ahead-of-time compiler, some 70 KB minified, are
 * compiled at every cold start yet never run in the cloud function: it validates with the schemas,
 * and docs/api.md is generated from the sources. Each such module is replaced by one exporting the
 * same names (read from the module itself, so a zod upgrade keeps them), each a function that
 * throws saying it is not bundled.
 */
export function withoutZodJsonSchema(): Plugin {
  return {
    name: 'without-zod-json-schema',
    setup(b) {
      b.onLoad({ filter: ZOD_UNUSED_ON_SERVER }, (args) => {
        const source = readFileSync(args.path, 'utf8')
        const names = new Set<string>()
        for (const m of source.matchAll(/^export (?:async )?(?:function\*?|const|let|var|class) ([\w$]+)/gm)) {
          names.add(m[1])
        }
        for (const m of source.matchAll(/^export \{([^}]*)\}/gm)) {
          for (const part of m[1].split(',')) {
            const name = part
              .trim()
              .split(/\s+as\s+/)
              .pop()
            if (name) names.add(name)
          }
        }
        const message = `zod/${path.basename(args.path)} is not bundled in the cloud function`
        const contents = [
          `const notBundled = () => { throw new Error(${JSON.stringify(message)}) }`,
          ...[...names].map((name) => `export const ${name} = notBundled`),
        ].join('\n')
        return { contents, loader: 'js' }
      })
    },
  }
}

/**
 * iconv-lite decodes roster files that Excel saved in GBK/GB18030 (src/cloud/actions/roster-import.ts).
 * It registers every encoding it knows; the cloud function needs only the Chinese ones and UTF-8/16,
 * so the Japanese, Korean and Big5 tables and the generated single-byte code pages (some 370 KB)
 * are left out. Asking for one of those encodings fails loudly instead of decoding wrongly.
 */
export function onlyChineseIconvTables(): Plugin {
  return {
    name: 'only-chinese-iconv-tables',
    setup(b) {
      b.onLoad(
        { filter: /[\\/]iconv-lite[\\/]encodings[\\/]tables[\\/](shiftjis|eucjp|cp949|cp950|big5-added)\.json$/ },
        (args) => ({
          contents: `throw new Error(${JSON.stringify(`${path.basename(args.path)} is not bundled in the cloud function`)})`,
          loader: 'js',
        }),
      )
      b.onLoad({ filter: /[\\/]iconv-lite[\\/]encodings[\\/]sbcs-data-generated\.js$/ }, () => ({
        contents: 'module.exports = {}',
        loader: 'js',
      }))
    },
  }
}

/**
 * A dynamic `import()` of a lazy part becomes a `require` of its own file beside index.js (esbuild
 * lowers `import()` to `require` for the CloudBase target, see `supported` below); a static import
 * of one fails the build, since it would pull the part into every cold start. `used` collects the
 * parts the bundle asks for; `parts` maps a part's name to its source file, `root` is the repository.
 */
export function lazyParts(used: Set<string>, parts: Record<string, string>, root: string): Plugin {
  const byFile = new Map(Object.entries(parts).map(([name, file]) => [file, name]))
  return {
    name: 'lazy-parts',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const base = path.resolve(args.resolveDir, args.path)
        const name = byFile.get(base) ?? byFile.get(`${base}.ts`)
        if (!name) return undefined
        if (args.kind !== 'dynamic-import') {
          const rel = path.relative(root, parts[name])
          return {
            errors: [{ text: `${rel} is loaded on demand: use \`await import('${args.path}')\`, not a static import` }],
          }
        }
        used.add(name)
        return { path: `./${name}.js`, external: true }
      })
    },
  }
}

/** Every file below `target` (or `target` itself when it is a file), as absolute paths. */
export function filesUnder(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target]
  return readdirSync(target).flatMap((entry) => filesUnder(path.join(target, entry)))
}

/** Throws when code under `root`'s src/cloud or src/domain asks for a zod locale ZOD_LOCALES leaves out. */
export function assertZodLocalesKnown(root: string): void {
  const files = [path.join(root, 'src', 'cloud'), path.join(root, 'src', 'domain')].flatMap(filesUnder)
  for (const file of files.filter((f) => /\.tsx?$/.test(f))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\blocales\.(\w+)/g)) {
      if (!(m[1] in ZOD_LOCALES)) throw new Error(`${file} uses zod locale ${m[1]}; add it to ZOD_LOCALES`)
    }
  }
}
