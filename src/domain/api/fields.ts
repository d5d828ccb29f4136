/** Input fields shared by several actions, with Chinese messages a person can act on. */
import { z } from 'zod'

export const idField = (label: string) =>
  z
    .string({ error: `缺少${label}` })
    .min(1, { error: `缺少${label}` })
    .max(64, { error: `${label}格式不对` })
    .regex(/^[A-Za-z0-9_-]+$/, { error: `${label}格式不对` })

export const cursorField = z.string().max(512, { error: '翻页参数无效，请刷新后重试' }).nullish()

export const limitField = z
  .number()
  .int({ error: '每页条数必须是整数' })
  .min(1, { error: '每页至少 1 条' })
  .max(50, { error: '每页最多 50 条' })
  .default(20)

export const dateField = z
  .string({ error: '请选择日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 年-月-日，如 2026-12-04' })

export const timeField = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: `${label}格式应为 时:分，如 14:30` })

export const textField = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字` })

/**
 * The checks every planned meeting's slot must pass (安排会议 and each item of the annual plan): it
 * ends after it starts, and a 党小组会 names its group.
 */
export function checkMeetingSlot(
  v: { kind: string; startTime: string; endTime: string; groupId?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (v.endTime <= v.startTime) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: '结束时间必须晚于开始时间' })
  }
  if (v.kind === 'group_meeting' && !v.groupId) {
    ctx.addIssue({ code: 'custom', path: ['groupId'], message: '党小组会请选择召开会议的党小组' })
  }
}

/** `cloud://<env>.<bucket>/<path>` from WeChat cloud storage, or `local:<path>` from the local host. */
const FILE_ID_RE = /^(cloud:\/\/[A-Za-z0-9_.-]+\/|local:)[A-Za-z0-9_./-]+$/

/**
 * A file the client put in storage before calling (src/domain/uploads.ts): the id storage gave it.
 * `what` names the file in messages (报到照片, 名单文件). The server checks the folder, size and content.
 */
export const fileIdField = (what: string) =>
  z
    .string({ error: `请选择${what}` })
    .min(1, { error: `请选择${what}` })
    .max(400, { error: `${what}的文件编号不对，请重新选择${what}` })
    .regex(FILE_ID_RE, { error: `${what}的文件编号不对，请重新选择${what}` })
