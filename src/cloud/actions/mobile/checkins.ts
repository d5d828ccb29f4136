/**
 * 报到: the member checks in from wherever they are. The device makes the check-in id, so a write
 * replayed from the outbox (or sent twice at once) lands on one record; the device's clock is kept,
 * and the server's receive time moves the last contact forward.
 */
import { implement } from '../handler'
import { mobileCheckIn as checkInDecl } from '../../../domain/api/catalog-mobile'
import type { CheckinView } from '../../../domain/api/views-mobile'
import { beijing } from '../../../domain/beijing-time'
import { AppError } from '../../../domain/errors'
import { contactAfter } from '../../../domain/mobile'
import { checkinPhotoUpload } from '../../../domain/uploads'
import { StoreConflict, type Stored } from '../../ports/store'
import { IMAGE_EXTENSIONS, imageTypeOf, readUpload } from '../../uploads'
import type { CheckinDoc } from '../../documents'
import { checkinView, invalid } from './registry'

/** A device clock this far ahead of the server is wrong, not early. */
const DEVICE_CLOCK_SLACK_MS = 10 * 60 * 1000

function sameMember(doc: Stored<CheckinDoc>, memberId: string): CheckinView {
  if (doc.memberId !== memberId) {
    throw new AppError('CONFLICT', '报到编号已被使用，请重新打开报到页面后再提交。')
  }
  return checkinView(doc)
}

export const mobileCheckIn = implement(checkInDecl, async (ctx, input) => {
  const { store, files } = ctx.ports
  const me = ctx.actor.memberId
  const replayed = await store.get('checkins', input.id)
  if (replayed) return sameMember(replayed, me)

  const member = await store.get('members', me)
  if (!member || member.status !== 'mobile') {
    throw invalid('id', '只有登记为“流动”状态的党员需要报到；如你已外出，请联系支部书记把你的状态改为流动党员')
  }
  if (input.deviceTime > ctx.now + DEVICE_CLOCK_SLACK_MS) {
    throw invalid('deviceTime', '手机时间比标准时间快，请校准手机时间后重新报到')
  }

  let photoFileId: string | null = null
  if (input.photoFileId) {
    const upload = checkinPhotoUpload(input.id)
    const bytes = await readUpload(files, input.photoFileId, upload, 'photoFileId')
    const type = imageTypeOf(bytes)
    if (type !== 'image/jpeg' && type !== 'image/png') {
      throw invalid('photoFileId', '照片只能是 JPG 或 PNG 图片，请重新选择或不附照片')
    }
    // The path is the check-in's own, so a replay overwrites the same file rather than adding one.
    const kept = `checkins/${me}/${input.id}.${IMAGE_EXTENSIONS[type]}`
    photoFileId = (await files.put(kept, bytes, type)).fileId
  }

  const doc: CheckinDoc & { _id: string } = {
    _id: input.id,
    memberId: me,
    branchId: member.orgId,
    kind: 'checkin',
    city: input.city,
    note: input.note,
    deviceTime: input.deviceTime,
    at: ctx.now,
    photoFileId,
    byId: me,
    byName: ctx.actor.name,
  }
  try {
    const saved = await store.transaction(async (tx) => {
      const created = await tx.insert('checkins', doc)
      const profile = await tx.get('mobile_profiles', me)
      if (profile) {
        await tx.update('mobile_profiles', me, contactAfter(profile, ctx.now, true), profile._version)
      } else {
        // Status 流动 but never registered: the first check-in opens the registry entry; the branch completes it.
        await tx.insert('mobile_profiles', {
          _id: me,
          memberId: me,
          branchId: member.orgId,
          since: beijing(ctx.now).format('YYYY-MM-DD'),
          city: input.city,
          reason: 'other',
          contact: member.phone,
          certificateNo: '',
          hostBranch: '',
          expectedReturn: null,
          lastContactAt: ctx.now,
          lastCheckinAt: ctx.now,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          updatedBy: me,
        })
      }
      return created
    })
    // The upload was only the way in; the kept copy is the check-in's own. A failed removal leaves
    // an orphan in uploads/, never a broken check-in.
    if (input.photoFileId) await files.remove(input.photoFileId).catch(() => undefined)
    return checkinView(saved)
  } catch (err) {
    // A concurrent send of the same check-in won; its record is the one.
    if (err instanceof StoreConflict) {
      const first = await store.get('checkins', input.id)
      if (first) return sameMember(first, me)
    }
    throw err
  }
})
