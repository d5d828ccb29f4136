/**
 * Writing minutes before they are final: the draft (saved with the version the writer saw, so two
 * writers never overwrite each other silently) and the photos taken at the meeting.
 */
import { implement } from '../handler'
import {
  minutesAddPhoto as minutesAddPhotoDecl,
  minutesGet as minutesGetDecl,
  minutesPhoto as minutesPhotoDecl,
  minutesSaveDraft as minutesSaveDraftDecl,
} from '../../../domain/api/catalog-minutes'
import type { ParsedInputOf } from '../../../domain/api/define'
import { beijing } from '../../../domain/beijing-time'
import { AppError } from '../../../domain/errors'
import { minutesPhotoUpload } from '../../../domain/uploads'
import type { MemberContext } from '../../action-context'
import type { MeetingDoc } from '../../collections'
import type { MinutesDoc } from '../../documents'
import { minutesMissing, sha256Hex } from '../../minutes-chain'
import { StoreConflict, type Stored, type StorePort } from '../../ports/store'
import { IMAGE_EXTENSIONS, imageTypeOf, readUpload, type ImageType } from '../../uploads'
import { buildView, meetingMinutes } from './records'

export const LOCKED_MESSAGE =
  '会议记录已经定稿锁定，不能再修改。如有错误，请由书记、副书记或组织委员在会议记录页提交更正（写明原因），原记录会保留。'

async function refuseIfClosed(store: StorePort, meeting: Stored<MeetingDoc>, doc: MinutesDoc | null): Promise<void> {
  if (meeting.status === 'cancelled') {
    throw new AppError('CONFLICT', '这次会议已经取消，不需要会议记录；如会议实际召开，请重新安排一次会议。')
  }
  if (doc?.status === 'final') throw new AppError('CONFLICT', LOCKED_MESSAGE)
  if (await minutesMissing(store, meeting, doc !== null)) {
    throw new AppError(
      'CONFLICT',
      '这次会议的记录已在本系统定稿，但现在找不到了（可能被删除），不能重新编写；请在会议记录本中校验记录链，并报告党委。',
    )
  }
  if (!doc && meeting.minutesFinalizedAt) {
    throw new AppError(
      'CONFLICT',
      '这次会议的记录在启用本系统之前已经定稿（纸质记录），不能再在系统中编写；请查阅纸质会议记录本。',
    )
  }
}

export const minutesGet = implement(minutesGetDecl, async (ctx, input) => {
  const { meeting, doc } = await meetingMinutes(ctx.ports.store, input.meetingId)
  return buildView(ctx, meeting, doc)
})

async function conflictMessage(ctx: MemberContext, current: Stored<MinutesDoc>): Promise<string> {
  if (current.status === 'final') return LOCKED_MESSAGE
  const who = (await ctx.ports.store.get('members', current.updatedBy))?.name ?? '另一位支委'
  return `这份草稿在你编辑期间已被${who}于 ${beijing(current.updatedAt).format('MM月DD日 HH:mm')} 保存过。请对照对方的版本和你的版本，选择保留哪一份后再保存；你写的内容不会丢失。`
}

export const minutesSaveDraft = implement(minutesSaveDraftDecl, async (ctx, input) => {
  const { store } = ctx.ports
  const { meeting, doc: existing } = await meetingMinutes(store, input.meetingId)
  await refuseIfClosed(store, meeting, existing)
  const known = new Set([...meeting.participantIds, ...(meeting.guestIds ?? [])])
  const stray = input.content.absenceNotes.findIndex((n) => !known.has(n.memberId))
  if (stray >= 0) {
    throw new AppError('VALIDATION_FAILED', '缺席说明中有不在本次会议名单中的人，请刷新后重新填写。', [
      { field: `content.absenceNotes.${stray}.memberId`, message: '此人不在本次会议名单中' },
    ])
  }
  const stamp = { content: input.content, updatedBy: ctx.actor.memberId, updatedAt: ctx.now }
  try {
    let saved: Stored<MinutesDoc>
    if (input.version === 0) {
      if (existing) throw new StoreConflict('version', 'minutes', existing._id)
      saved = await store.insert('minutes', {
        _id: meeting._id,
        meetingId: meeting._id,
        branchId: meeting.branchId,
        meetingStartAt: meeting.startAt,
        kind: meeting.kind,
        status: 'draft',
        ...stamp,
        title: null,
        meetingEndAt: null,
        attendance: null,
        photos: null,
        finalizedAt: null,
        finalizedBy: null,
        late: false,
        contentHash: null,
        amendmentCount: 0,
      })
    } else {
      if (!existing) throw new AppError('NOT_FOUND', '这份草稿已不存在，请刷新后重新保存。')
      saved = await store.update<MinutesDoc>('minutes', meeting._id, stamp, input.version)
    }
    return buildView(ctx, meeting, saved)
  } catch (err) {
    if (err instanceof StoreConflict && err.reason !== 'missing') {
      const current = await store.get('minutes', meeting._id)
      if (current) throw new AppError('CONFLICT', await conflictMessage(ctx, current))
    }
    throw err
  }
})

/** The photo's bytes, uploaded by the client into its meeting's folder; JPEG, PNG or WebP. */
async function photoContent(
  ctx: MemberContext,
  input: ParsedInputOf<typeof minutesAddPhotoDecl>,
): Promise<{ content: Buffer; type: ImageType }> {
  const content = await readUpload(ctx.ports.files, input.fileId, minutesPhotoUpload(input.meetingId), 'fileId')
  const type = imageTypeOf(content)
  if (!type) {
    throw new AppError('VALIDATION_FAILED', '照片只能是 JPG、PNG 或 WebP 格式，请重新拍摄或选择。', [
      { field: 'fileId', message: '不是 JPG、PNG 或 WebP 图片' },
    ])
  }
  return { content, type }
}

export const minutesAddPhoto = implement(minutesAddPhotoDecl, async (ctx, input) => {
  const { store, files } = ctx.ports
  const { meeting, doc } = await meetingMinutes(store, input.meetingId)
  await refuseIfClosed(store, meeting, doc)
  const { content, type } = await photoContent(ctx, input)
  const hash = sha256Hex(new Uint8Array(content))
  const id = `${meeting._id}-${hash.slice(0, 16)}`
  if (!(await store.get('photos', id))) {
    const stored = await files.put(`minutes/${meeting._id}/${hash}.${IMAGE_EXTENSIONS[type]}`, content, type)
    if (stored.sha256 !== hash) throw new AppError('INTERNAL', '照片保存后校验不一致，请重新上传。')
    await ctx.createOnce('photos', {
      _id: id,
      meetingId: meeting._id,
      branchId: meeting.branchId,
      fileId: stored.fileId,
      sha256: hash,
      size: content.length,
      contentType: type,
      receivedAt: ctx.now,
      by: ctx.actor.memberId,
      source: input.source ?? null,
    })
  }
  // The upload was only a way in; the kept copy is the one at the content-addressed path.
  await files.remove(input.fileId).catch(() => undefined)
  return buildView(ctx, meeting, await store.get('minutes', meeting._id))
})

export const minutesPhoto = implement(minutesPhotoDecl, async (ctx, input) => {
  const { store, files } = ctx.ports
  const photo = await store.get('photos', input.photoId)
  if (!photo || photo.meetingId !== input.meetingId) {
    throw new AppError('NOT_FOUND', '找不到这张照片，请返回会议记录刷新后再试。')
  }
  const content = await files.get(photo.fileId)
  return { id: photo._id, contentType: photo.contentType, base64: content.toString('base64') }
})
