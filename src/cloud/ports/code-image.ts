/**
 * Scannable images that open a page of the app: a mini-program code (wxacode) in production, a QR
 * code of the h5 address on the local host.
 */
export interface CodeImagePort {
  /**
   * A PNG as a `data:image/png;base64,…` URL that opens `page` (no leading slash, no query) with
   * `scene` (at most 32 characters, e.g. `code=ABCD2345`).
   */
  render(page: string, scene: string): Promise<string>
  /**
   * The address the code holds, to copy and send as a link (the embedded host's h5 address of the
   * page); absent where the code is a mini-program code, which holds no address a browser opens.
   */
  link?(page: string, scene: string): string
  /** The embedded host learns its address only once it listens; production codes need none. */
  setPublicUrl?(url: string): void
}
