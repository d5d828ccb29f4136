/** The 党委's exports (work in progress). */
import { implement } from '../handler'
import {
  supervisionExportMatrix as supervisionExportMatrixDecl,
  supervisionExportPacket as supervisionExportPacketDecl,
} from '../../../domain/api/catalog-supervision'
import { AppError } from '../../../domain/errors'

export const supervisionExportMatrix = implement(supervisionExportMatrixDecl, async () => {
  throw new AppError('NOT_FOUND', '导出功能即将上线，请稍后再试。')
})

export const supervisionExportPacket = implement(supervisionExportPacketDecl, async () => {
  throw new AppError('NOT_FOUND', '导出功能即将上线，请稍后再试。')
})
