/** The invitation code a page was opened with: `?code=` on the host, `?scene=code%3D…` from a mini-program code. */
export function codeFromParams(params: Record<string, string | undefined>): string {
  if (params.code) return params.code.toUpperCase()
  const scene = params.scene ? decodeURIComponent(params.scene) : ''
  return /(?:^|&)code=([A-Za-z0-9]+)/.exec(scene)?.[1]?.toUpperCase() ?? ''
}
