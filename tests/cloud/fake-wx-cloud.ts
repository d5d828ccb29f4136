/**
 * A stand-in for the initialized wx-server-sdk module: the database is FakeCloudBaseDb, storage
 * keeps files in memory, subscribe messages are recorded, and the WeChat context is settable.
 * Failures look like WeChat's: errCode plus an errMsg that names the API.
 */
import type { SubscribeSendParam } from '../../src/cloud/adapters/subscribe-notifier'
import type { WxCloud } from '../../src/cloud/cloudbase'
import { COLLECTIONS } from '../../src/cloud/collections'
import type { CloudBaseDb } from '../../src/cloud/adapters/cloudbase-store'
import { FakeCloudBaseDb } from './fake-cloudbase-db'

function wxError(errMsg: string, errCode: number): Error {
  return Object.assign(new Error(errMsg), { errMsg, errCode })
}

export class FakeWxCloud {
  readonly db = new FakeCloudBaseDb(Object.keys(COLLECTIONS))
  readonly files = new Map<string, Buffer>()
  readonly sent: SubscribeSendParam[] = []
  /** Openids that have not accepted the subscription: WeChat answers 43101. */
  readonly refusing = new Set<string>()
  context: { OPENID?: string } = {}
  /** Mini-program codes asked of wxacode.getUnlimited. */
  readonly codes: { scene: string; page: string; checkPath: boolean }[] = []

  readonly cloud: WxCloud = {
    database: () => this.db as unknown as CloudBaseDb,
    getWXContext: () => ({ ...this.context }),
    openapi: {
      subscribeMessage: {
        send: async (param) => {
          await new Promise((r) => setImmediate(r))
          if (this.refusing.has(param.touser)) {
            throw wxError('openapi.subscribeMessage.send:fail -604101 43101 user refuse to accept the msg', 43101)
          }
          this.sent.push(structuredClone(param))
          return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }
        },
      },
      wxacode: {
        getUnlimited: async (param) => {
          await new Promise((r) => setImmediate(r))
          if (param.scene.length > 32)
            throw wxError('openapi.wxacode.getUnlimited:fail 40169 invalid length for scene', 40169)
          this.codes.push({ scene: param.scene, page: param.page, checkPath: param.checkPath })
          // A PNG signature and the parameters: enough to tell one code from another.
          const png = Buffer.concat([
            Buffer.from('89504e470d0a1a0a', 'hex'),
            Buffer.from(`${param.page}?${param.scene}`),
          ])
          return { errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok', contentType: 'image/png', buffer: png }
        },
      },
    },
    uploadFile: async ({ cloudPath, fileContent }) => {
      const fileID = `cloud://fake-env.6661-fake-env/${cloudPath}`
      this.files.set(fileID, Buffer.from(fileContent))
      return { fileID }
    },
    downloadFile: async ({ fileID }) => {
      const content = this.files.get(fileID)
      if (!content) throw wxError(`downloadFile:fail -503003 STORAGE_FILE_NONEXIST ${fileID}`, -503003)
      return { fileContent: Buffer.from(content) }
    },
    deleteFile: async ({ fileList }) => ({
      fileList: fileList.map((fileID) =>
        this.files.delete(fileID)
          ? { fileID, status: 0, errMsg: 'ok' }
          : { fileID, status: -503003, errMsg: 'STORAGE_FILE_NONEXIST' },
      ),
    }),
  }
}
