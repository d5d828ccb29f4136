/**
 * Codes in production: a mini-program code from `cloud.openapi.wxacode.getUnlimited`, which opens
 * `page` with `scene` (the page reads it from `options.scene`). The api function's config lists
 * `wxacode.getUnlimited` among its openapi permissions (src/cloud/functions/api/function.json).
 */
import type { CodeImagePort } from '../ports/code-image'

export interface WxacodeGetUnlimitedParam {
  scene: string
  page: string
  /** false: the page need not be in a released version yet (trial and development builds). */
  checkPath: boolean
  envVersion?: 'release' | 'trial' | 'develop'
  width?: number
}

export interface WxacodeApi {
  openapi: {
    wxacode: {
      getUnlimited(param: WxacodeGetUnlimitedParam): Promise<{ buffer: Buffer | Uint8Array; contentType?: string }>
    }
  }
}

export class WxacodeImage implements CodeImagePort {
  constructor(
    private readonly cloud: WxacodeApi,
    private readonly envVersion?: WxacodeGetUnlimitedParam['envVersion'],
  ) {}

  async render(page: string, scene: string): Promise<string> {
    if (scene.length > 32) throw new Error(`wxacode scene is limited to 32 characters: ${scene}`)
    const res = await this.cloud.openapi.wxacode.getUnlimited({
      scene,
      page: page.replace(/^\/+/, ''),
      checkPath: false,
      ...(this.envVersion ? { envVersion: this.envVersion } : {}),
      width: 430,
    })
    const type = res.contentType && /^image\//.test(res.contentType) ? res.contentType : 'image/png'
    return `data:${type};base64,${Buffer.from(res.buffer).toString('base64')}`
  }
}
