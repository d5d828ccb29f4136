/**
 * Actions of issue 6 — 会议记录: structured minutes, drafts, photos, finalize, amendments, 阅签, hash
 * chain, export. Merged into ACTIONS in catalog.ts; views in views-minutes.ts.
 *
 * Who does what: any member of the branch committee (支委) may write the draft and add photos — the
 * 记录人 is usually one of them; the 书记, 副书记 and 组织委员 finalize and amend; every member of the
 * branch reads final minutes and the participants confirm them (阅签); the 党委 above reads,
 * exports and verifies.
 */
import { z } from 'zod'
import { COMMITTEE_ROLES, MEETING_ORGANIZER_ROLES, ROLES } from '../org'
import {
  catalogOf,
  defineAction,
  onMeetingRecord,
  onOrgInput,
  shape,
  targetIsBranch,
  targetNotCancelled,
} from './define'
import { cursorField, fileIdField, idField, limitField, textField } from './fields'
import { REQUEST_LIMIT_BYTES, withinBytes } from './request-size'
import { PHOTO_SOURCES } from '../photo-source'
import { DECISION_KINDS } from '../decision-kinds'
import type {
  ChainReport,
  ConfirmReadView,
  DocxFile,
  MinutesBook,
  MinutesPhotoFile,
  MinutesView,
} from './views-minutes'

/** Minutes are kept by 党支部. */
const MINUTES_BY_BRANCH = targetIsBranch('会议记录按党支部保存，请先选择一个党支部。', '请选择一个党支部')

const BRANCH_MEMBER_ROLES = ROLES.filter((r) => r !== 'supervisor')

const longText = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).max(max, { error: `${label}不能超过 ${max} 个字，请精简或分成几项` })
const count = (label: string) =>
  z
    .number({ error: `${label}票数请填写数字` })
    .int({ error: `${label}票数应为整数` })
    .min(0, { error: `${label}票数不能为负数` })
    .max(10_000, { error: `${label}票数过大，请核对` })

const voteCounts = z.object({ for: count('赞成'), against: count('反对'), abstain: count('弃权') }).strict()

/** A typed decision on an item (issue 16); its rule is checked at finalize (src/domain/decisions.ts). */
export const motionSchema = z
  .object({
    kind: z.enum(DECISION_KINDS, { error: '请选择表决事项的类型' }),
    subject: z
      .object({ memberId: idField('党员编号').nullable(), name: longText('表决涉及的人员姓名', 20) })
      .strict()
      .nullable(),
    votes: voteCounts.nullable(),
    writtenOpinions: z
      .array(
        z
          .object({
            memberId: idField('党员编号'),
            choice: z.enum(['for', 'against', 'abstain'], { error: '书面意见只能是赞成、反对或弃权' }),
          })
          .strict(),
      )
      .max(500, { error: '书面意见过多，请核对' }),
    election: z
      .object({
        ballots: count('收回选票'),
        candidates: z
          .array(
            z
              .object({
                memberId: idField('党员编号').nullable(),
                name: longText('候选人姓名', 20),
                votes: count('候选人得票'),
              })
              .strict(),
          )
          .max(50, { error: '候选人最多 50 人' }),
      })
      .strict()
      .nullable(),
  })
  .strict()

export const minutesItemSchema = z
  .object({
    topic: longText('议程', 200),
    speeches: longText('发言情况', 5000),
    decision: longText('决议', 2000),
    vote: voteCounts.nullable(),
    motion: motionSchema.nullish(),
  })
  .strict()

/**
 * The most a minutes record may weigh in one save: the request limit less room for the meeting id,
 * version and call around it. About 32,000 characters of Chinese; each field keeps its own limit too.
 */
export const MINUTES_CONTENT_MAX_BYTES = REQUEST_LIMIT_BYTES - 4_000

/** The written part of the minutes; drafts may be incomplete, finalize checks completeness. */
export const minutesContentSchema = withinBytes(
  z
    .object({
      chair: longText('主持人', 20),
      recorder: longText('记录人', 20),
      place: longText('会议地点', 60),
      items: z.array(minutesItemSchema, { error: '请填写议程' }).max(30, { error: '议程最多 30 项' }),
      absenceNotes: z
        .array(z.object({ memberId: idField('党员编号'), reason: longText('缺席原因', 100) }).strict())
        .max(200, { error: '缺席说明过多' }),
      notes: longText('其他事项', 2000),
    })
    .strict(),
  MINUTES_CONTENT_MAX_BYTES,
  (chars) =>
    `会议记录太长，一次保存不下：全文最多约 ${chars} 个汉字。请精简发言记录等较长的内容后再保存；已写的内容仍保存在本机，不会丢失。`,
)

const meetingIdField = idField('会议编号')
/** The input of the actions that only name a meeting. */
const meetingInput = z.object({ meetingId: meetingIdField }).strict()
/** The branch of a chain or book; absent, the actor's own. */
const branchIdField = idField('支部编号').optional()
const versionField = z
  .number({ error: '缺少记录版本，请刷新后再改' })
  .int()
  .min(0, { error: '记录版本不对，请刷新后再改' })

export const minutesGet = defineAction({
  name: 'minutes.get',
  summary: '会议记录：草稿（支委可见）或定稿（本支部党员和党委可见），含出席情况、照片、更正、阅签和补录标记',
  input: () => meetingInput,
  output: shape<MinutesView>(),
  write: false,
  access: onMeetingRecord(ROLES, 'subtree'),
  errors: ['NOT_FOUND'],
})

export const minutesSaveDraft = defineAction({
  name: 'minutes.saveDraft',
  summary: '保存会议记录草稿（须带上看到的版本；别人已改过时返回冲突，由你选择保留哪一份）；出席情况取自签到，不需填写',
  input: () => z.object({ meetingId: meetingIdField, version: versionField, content: minutesContentSchema }).strict(),
  output: shape<MinutesView>(),
  write: true,
  access: onMeetingRecord(COMMITTEE_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

export const minutesAddPhoto = defineAction({
  name: 'minutes.addPhoto',
  summary:
    '为会议记录添加一张现场照片（JPG、PNG 或 WebP，压缩后先上传到本次会议的上传目录，再交文件编号），服务器核对格式和大小，记下收到时间和内容哈希；定稿后不能再加',
  input: () =>
    z
      .object({
        meetingId: meetingIdField,
        /** The file uploaded under `minutesPhotoUpload(meetingId)` (src/domain/uploads.ts). */
        fileId: fileIdField('照片'),
        /** How the photo was taken: in the app's camera or chosen from the album (flagged). */
        source: z.enum(PHOTO_SOURCES, { error: '照片来源只能是现场拍摄或相册选取' }).nullish(),
      })
      .strict(),
  output: shape<MinutesView>(),
  write: true,
  access: onMeetingRecord(COMMITTEE_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const minutesPhoto = defineAction({
  name: 'minutes.photo',
  summary: '取回会议记录的一张照片',
  input: () => z.object({ meetingId: meetingIdField, photoId: idField('照片编号') }).strict(),
  output: shape<MinutesPhotoFile>(),
  write: false,
  access: onMeetingRecord(ROLES, 'subtree'),
  errors: ['NOT_FOUND'],
})

export const minutesFinalize = defineAction({
  name: 'minutes.finalize',
  summary:
    '会议记录定稿：会议结束且考勤已确认后才可定稿；服务器记下定稿时间并锁定记录，写入支部记录链；超过规定天数的标记为补录',
  input: () => z.object({ meetingId: meetingIdField, version: versionField }).strict(),
  output: shape<MinutesView>(),
  write: true,
  access: onMeetingRecord(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const minutesAmend = defineAction({
  name: 'minutes.amend',
  summary: '更正已定稿的会议记录：写明原因，更正作为附加记录保存并写入记录链，原记录保持不变、仍可查看',
  input: () =>
    z
      .object({
        meetingId: meetingIdField,
        reason: textField('更正原因', 200),
        changes: z
          .array(
            z
              .object({
                field: z
                  .string({ error: '请选择要更正的内容' })
                  .regex(/^(chair|recorder|place|notes|items\.\d{1,2}\.(topic|speeches|decision))$/, {
                    error: '要更正的内容不对，请重新选择',
                  }),
                text: longText('更正后的内容', 5000),
              })
              .strict(),
            { error: '请填写更正内容' },
          )
          .min(1, { error: '请至少更正一处' })
          // Four changes of up to 5,000 characters keep the call within the request limit.
          .max(4, { error: '一次最多更正 4 处，请分几次提交' }),
      })
      .strict(),
  output: shape<MinutesView>(),
  write: true,
  access: onMeetingRecord(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'CONFLICT', 'NOT_FOUND'],
})

export const minutesConfirmRead = defineAction({
  name: 'minutes.confirmRead',
  summary:
    '阅签：参会党员阅读定稿的会议记录后确认（每人一次）；阅签写入支部记录链，返回阅签回执（链头的序号和哈希），由本人手机保存，日后可用来核验记录链',
  input: () => meetingInput,
  output: shape<ConfirmReadView>(),
  write: true,
  access: onMeetingRecord(BRANCH_MEMBER_ROLES, 'branch'),
  errors: ['CONFLICT', 'NOT_FOUND'],
})

/** A head typed from a printout (序号 and at least the first 16 hex digits) or sent from a 阅签 receipt. */
export const givenHeadSchema = z
  .object({
    seq: z
      .number({ error: '请填写链头序号' })
      .int({ error: '链头序号应为整数' })
      .min(1, { error: '链头序号从 1 开始' })
      .max(10_000_000, { error: '链头序号过大，请核对' }),
    hash: z
      .string({ error: '请填写链头哈希' })
      .trim()
      .regex(/^[0-9a-fA-F]{16,64}$/, { error: '链头哈希应为 16 到 64 位十六进制数字（0–9、a–f），请照打印件核对' }),
  })
  .strict()

export const minutesVerify = defineAction({
  name: 'minutes.verify',
  summary:
    '校验支部会议记录链：逐条重算哈希（含定稿时的会议信息、签到与请假记录、照片内容、阅签），并与党委留存的锚点及给出的链头（打印件上的或阅签回执）比对，指出第一处不一致或缺失的记录',
  input: () =>
    z
      .object({
        branchId: branchIdField,
        heads: z.array(givenHeadSchema).max(50, { error: '一次最多核对 50 个链头，请分几次核验' }).optional(),
      })
      .strict(),
  output: shape<ChainReport>(),
  write: false,
  access: onOrgInput(ROLES, 'subtree'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  preconditions: [MINUTES_BY_BRANCH],
})

export const minutesExport = defineAction({
  name: 'minutes.export',
  summary: '导出一次会议的会议记录为 Word 文档（.docx），含出席、议程、表决、更正和补录标记',
  input: () => meetingInput,
  output: shape<DocxFile>(),
  write: false,
  access: onMeetingRecord(ROLES, 'subtree'),
  errors: ['CONFLICT', 'NOT_FOUND'],
})

const yearField = z
  .number({ error: '请选择年份' })
  .int({ error: '年份应为整数' })
  .min(2000, { error: '年份不对，请重新选择' })
  .max(2100, { error: '年份不对，请重新选择' })

export const minutesBook = defineAction({
  name: 'minutes.book',
  summary: '会议记录本：支部一年的会议及其记录（已定稿的含全文），按时间先后分页',
  input: () => z.object({ branchId: branchIdField, year: yearField, cursor: cursorField, limit: limitField }).strict(),
  output: shape<MinutesBook>(),
  write: false,
  access: onOrgInput(ROLES, 'subtree'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  preconditions: [MINUTES_BY_BRANCH],
})

export const minutesExportBook = defineAction({
  name: 'minutes.exportBook',
  summary: '导出支部一年的会议记录本为 Word 文档（.docx）',
  input: () => z.object({ branchId: branchIdField, year: yearField }).strict(),
  output: shape<DocxFile>(),
  write: false,
  access: onOrgInput(ROLES, 'subtree'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  preconditions: [MINUTES_BY_BRANCH],
})

/** A cancelled meeting has nothing to print: no notice to post, no one to sign in. */
const PRINT_NOT_CANCELLED = targetNotCancelled('这次会议已经取消，不用再打印通知或签到表；如改期，请打印新会议的。')

export const minutesExportNotice = defineAction({
  name: 'minutes.exportNotice',
  summary: '打印会议通知（.docx）：会议名称、时间、地点、议程、参加和列席人员、请假方式',
  input: () => meetingInput,
  output: shape<DocxFile>(),
  write: false,
  access: onMeetingRecord(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  preconditions: [PRINT_NOT_CANCELLED],
})

export const minutesExportSignSheet = defineAction({
  name: 'minutes.exportSignSheet',
  summary: '打印签到表（.docx）：应到人员逐一列出（同名者加以区分），留本人签名栏，另列列席人员',
  input: () => meetingInput,
  output: shape<DocxFile>(),
  write: false,
  access: onMeetingRecord(MEETING_ORGANIZER_ROLES, 'branch'),
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  preconditions: [PRINT_NOT_CANCELLED],
})

export const MINUTES_ACTIONS = catalogOf(
  minutesGet,
  minutesSaveDraft,
  minutesAddPhoto,
  minutesPhoto,
  minutesFinalize,
  minutesAmend,
  minutesConfirmRead,
  minutesVerify,
  minutesExport,
  minutesBook,
  minutesExportBook,
  minutesExportNotice,
  minutesExportSignSheet,
)
