/**
 * Codes on the embedded host: a QR code of the h5 address of the page (`<publicUrl>/#/<page>?<scene>`),
 * which a phone's camera opens in the browser. The host learns its address only after it listens,
 * so the base URL can be set later.
 */
import QRCode from 'qrcode'
import type { CodeImagePort } from '../ports/code-image'

export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:10086'

export class QrCodeImage implements CodeImagePort {
  private base: string

  constructor(publicUrl: string = DEFAULT_PUBLIC_URL) {
    this.base = QrCodeImage.checked(publicUrl)
  }

  private static checked(url: string): string {
    if (!/^https?:\/\/[^\s/]+/.test(url)) throw new Error(`public URL must be http(s)://host[:port], got ${url}`)
    return url.replace(/\/+$/, '')
  }

  setPublicUrl(url: string): void {
    this.base = QrCodeImage.checked(url)
  }

  /** The address the code holds. */
  target(page: string, scene: string): string {
    return `${this.base}/#/${page.replace(/^\/+/, '')}${scene ? `?${scene}` : ''}`
  }

  /** The address the code holds, for copying: the same as `target`. */
  link(page: string, scene: string): string {
    return this.target(page, scene)
  }

  render(page: string, scene: string): Promise<string> {
    // qrcode hands rendererOpts to pngjs. One fixed filter ("up", good for blocks of flat colour)
    // instead of trying all five per row makes a 360 px code in milliseconds and about 3 KB;
    // @types/qrcode does not list pngjs's filterType, hence the widened type.
    const rendererOpts = { filterType: 2, deflateStrategy: 0 }
    const options = { errorCorrectionLevel: 'M', margin: 2, width: 360, rendererOpts }
    return QRCode.toDataURL(this.target(page, scene), options as QRCode.QRCodeToDataURLOptions)
  }
}
