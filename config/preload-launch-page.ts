/**
 * h5 first screen: Taro loads every page, the launch page included, with `import()` once the app's
 * entry has run and its router has matched the route, so on a slow network the launch page's own
 * chunks (its JS and CSS) start downloading only after the entry finished downloading and running.
 * This webpack plugin puts a `<link rel="preload">` for each of them into index.html, so the browser
 * fetches them together with the entry; the router's `import()` then finds them already loaded or
 * under way. Measured by `npm run bench -- h5-load`.
 */
import { WebpackError, type Compilation, type Compiler } from 'webpack'

/** The part of html-webpack-plugin 5's API used here (the instance Taro's runner adds). */
interface HtmlTag {
  tagName: string
  voidTag: boolean
  attributes: Record<string, string | boolean>
  meta: Record<string, unknown>
}
interface HtmlPluginClass {
  getHooks(compilation: Compilation): {
    alterAssetTagGroups: {
      tap(name: string, fn: (data: { headTags: HtmlTag[]; bodyTags: HtmlTag[] }) => unknown): void
    }
  }
}

const NAME = 'PreloadLaunchPage'

export class PreloadLaunchPage {
  /** `page`: the launch page's path as app.config lists it, e.g. 'pages/index/index'. */
  constructor(private readonly page: string) {}

  /** The output files of the chunks loaded by the `import()` of the launch page. */
  private launchFiles(compilation: Compilation): string[] {
    const files = new Set<string>()
    for (const group of compilation.chunkGroups) {
      const importsPage = group.origins.some((o) => (o.request ?? '').split('?')[0].endsWith(this.page))
      if (!importsPage || group.isInitial()) continue
      for (const chunk of group.chunks) for (const file of chunk.files) files.add(file)
    }
    return [...files].filter((f) => f.endsWith('.js') || f.endsWith('.css')).sort()
  }

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      const html = compiler.options.plugins.find((p) => p?.constructor?.name === 'HtmlWebpackPlugin')
      if (!html) return
      const hooks = (html.constructor as unknown as HtmlPluginClass).getHooks(compilation)
      hooks.alterAssetTagGroups.tap(NAME, (data) => {
        const publicPath = compilation.outputOptions.publicPath
        const base = typeof publicPath === 'string' && publicPath !== 'auto' ? publicPath : ''
        const files = this.launchFiles(compilation)
        if (files.length === 0) {
          compilation.warnings.push(
            new WebpackError(`${NAME}: no chunk found for ${this.page}; index.html preloads nothing`),
          )
        }
        const links = files.map<HtmlTag>((file) => ({
          tagName: 'link',
          voidTag: true,
          attributes: { rel: 'preload', as: file.endsWith('.css') ? 'style' : 'script', href: base + file },
          meta: { plugin: NAME },
        }))
        data.headTags.push(...links)
        return data
      })
    })
  }
}
