/**
 * Runs a built cloud function on a stand-in for CloudBase, for tests/cloud/cloud-build.test.ts:
 * `require('wx-server-sdk')` answers with FakeWxCloud (database, storage and WeChat context in
 * memory), the demo branch is seeded into it, and each step either puts a file into its storage (as
 * the phone's `cloud.uploadFile` would) or calls the bundle's own `main` as a member (their OPENID
 * in the WeChat context). Prints one JSON object: each call's result, the stored content of each
 * file a result names by `fileId` (base64), and the function's files the bundle loaded.
 *   tsx tests/cloud/built-bundle-driver.ts <function folder> '<steps as JSON>'
 */
import Module from 'node:module'
import path from 'node:path'
import { CloudBaseStore } from '../../src/cloud/adapters/cloudbase-store'
import { seedDemo } from '../../src/cloud/seed/demo-branch'
import { FakeWxCloud } from './fake-wx-cloud'

export type DriverStep =
  | { upload: { cloudPath: string; base64: string } }
  | { as: string; event: { action: string; input: unknown; requestId?: string } }

export interface DriverReport {
  results: unknown[]
  files: Record<string, string>
  loaded: string[]
}

async function run(dir: string, steps: DriverStep[]): Promise<DriverReport> {
  const fake = new FakeWxCloud()
  const sdkPath = require.resolve('wx-server-sdk', { paths: [dir] })
  const sdk = new Module(sdkPath)
  sdk.exports = { ...fake.cloud, init: () => undefined, DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV') }
  sdk.loaded = true
  require.cache[sdkPath] = sdk
  await seedDemo(new CloudBaseStore(fake.db), Date.now())

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { main } = require(path.join(dir, 'index.js')) as {
    main: (event: unknown, context: unknown) => Promise<unknown>
  }
  const results: unknown[] = []
  const files: Record<string, string> = {}
  for (const step of steps) {
    if ('upload' in step) {
      await fake.cloud.uploadFile({
        cloudPath: step.upload.cloudPath,
        fileContent: Buffer.from(step.upload.base64, 'base64'),
      })
      continue
    }
    fake.context = { OPENID: `dev_${step.as}` }
    const result = await main(step.event, {})
    results.push(result)
    const fileId = (result as { data?: { fileId?: unknown } }).data?.fileId
    if (typeof fileId === 'string' && fake.files.has(fileId)) files[fileId] = fake.files.get(fileId)!.toString('base64')
  }
  const loaded = Object.keys(require.cache)
    .filter((f) => path.dirname(f) === dir)
    .map((f) => path.basename(f))
    .sort()
  return { results, files, loaded }
}

if (require.main === module) {
  const [dir, steps] = process.argv.slice(2)
  run(path.resolve(dir), JSON.parse(steps) as DriverStep[]).then(
    (report) => process.stdout.write(JSON.stringify(report)),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
