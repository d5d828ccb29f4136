/**
 * Actions of issue 5 — 参会与签到: participants, leave, rotating QR sign-in, offline sign-in, manual
 * and remote attendance, live board. Declared with `defineAction` exactly like catalog.ts and merged
 * into ACTIONS there; views go in views-attendance.ts.
 */
import { z } from 'zod'
import { MEETING_ORGANIZER_ROLES, ROLES } from '../org'
import { catalogOf, defineAction, onMeetingRecord, onOrgInput, shape, targetNotCancelled } from './define'
import { idField, textField } from './fields'
import type {
  AttendanceBoard,
  AttendanceSettingsView,
  GuestCandidatesView,
  GuestInviteAnswerView,
  MyGuestInviteView,
  LeaveView,
  PendingGuestView,
  MySignInView,
  PrintedCodeView,
  SignInCodeView,
  SignInResult,
} from './views-attendance'

const ANY_ROLE = ROLES
const SELF = { kind: 'member', roles: ANY_ROLE, scope: 'self', target: { from: 'actor' } } as const
const ORGANIZERS = onMeetingRecord(MEETING_ORGANIZER_ROLES, 'branch')
const meetingIdField = idField('会议编号')
const memberIdField = idField('党员编号')
/** The input of every action that names only the meeting. */
const meetingInput = z.object({ meetingId: meetingIdField }).strict()
const WRITE_ERRORS = ['VALIDATION_FAILED', 'NOT_FOUND'] as const

/** Why attendance of a cancelled meeting cannot change (also said to members signing in). */
export const MEETING_CANCELLED_MESSAGE = '这次会议已经取消，不能签到或请假；请查看会议通知中的新安排。'
const NOT_CANCELLED = [targetNotCancelled(MEETING_CANCELLED_MESSAGE)]
const READ_ERRORS = ['NOT_FOUND'] as const

export const locationField = z
  .object({
    lat: z.number({ error: '定位信息不完整，请重新获取位置' }).min(-90).max(90),
    lng: z.number({ error: '定位信息不完整，请重新获取位置' }).min(-180).max(180),
  })
  .strict()

export const attendanceConfigure = defineAction({
  name: 'attendance.configure',
  summary: '会前设置签到：提前开放签到的分钟数、迟到判定、签到地点坐标与范围、是否允许远程参会及视频链接',
  input: () =>
    z
      .object({
        meetingId: meetingIdField,
        opensBefore: z
          .number({ error: '请填写提前开放签到的分钟数' })
          .int({ error: '提前开放签到的分钟数须为整数' })
          .min(0, { error: '提前开放签到的分钟数不能为负数' })
          .max(240, { error: '最多提前 240 分钟开放签到' }),
        lateAfter: z
          .number({ error: '请填写迟到判定的分钟数' })
          .int({ error: '迟到判定的分钟数须为整数' })
          .min(0, { error: '迟到判定的分钟数不能为负数' })
          .max(120, { error: '迟到判定最多为开会后 120 分钟' }),
        place: z
          .object({
            lat: z.number({ error: '请填写纬度' }).min(-90, { error: '纬度应在 -90 到 90 之间' }).max(90, {
              error: '纬度应在 -90 到 90 之间',
            }),
            lng: z.number({ error: '请填写经度' }).min(-180, { error: '经度应在 -180 到 180 之间' }).max(180, {
              error: '经度应在 -180 到 180 之间',
            }),
            radius: z
              .number({ error: '请填写签到范围（米）' })
              .int({ error: '签到范围须为整数米' })
              .min(20, { error: '签到范围至少 20 米' })
              .max(5000, { error: '签到范围最多 5000 米' }),
            label: textField('签到地点名称', 60),
          })
          .strict()
          .nullable(),
        allowRemote: z.boolean({ error: '请选择是否允许远程参会' }),
        videoLink: z
          .string()
          .trim()
          .max(300, { error: '视频会议链接不能超过 300 个字符' })
          .nullish()
          .transform((v) => (v ? v : null)),
      })
      .strict()
      .superRefine((v, ctx) => {
        if (v.allowRemote && !v.videoLink) {
          ctx.addIssue({ code: 'custom', path: ['videoLink'], message: '允许远程参会时请填写视频会议链接或会议号' })
        }
      }),
  output: shape<AttendanceSettingsView>(),
  write: true,
  access: ORGANIZERS,
  errors: WRITE_ERRORS,
})

export const attendanceSettings = defineAction({
  name: 'attendance.settings',
  summary: '查看一次会议的签到设置（不含签到密钥）',
  input: () => meetingInput,
  output: shape<AttendanceSettingsView>(),
  write: false,
  access: ORGANIZERS,
  errors: READ_ERRORS,
})

export const attendanceOpenCode = defineAction({
  name: 'attendance.openCode',
  summary: '打开签到码：取得本次会议的签到密钥与签到时间（手机离线也能每 20 秒更换签到码），首次打开时锁定参会名单',
  input: () => meetingInput,
  output: shape<SignInCodeView>(),
  write: true,
  access: ORGANIZERS,
  errors: WRITE_ERRORS,
})

export const attendancePrintedCode = defineAction({
  name: 'attendance.printedCode',
  summary: '生成可打印的会场签到码（小程序码），扫码后须在签到范围内才能签到；须先设置签到地点',
  input: () => meetingInput,
  output: shape<PrintedCodeView>(),
  write: true,
  access: ORGANIZERS,
  errors: WRITE_ERRORS,
  preconditions: NOT_CANCELLED,
})

export const attendanceSignIn = defineAction({
  name: 'attendance.signIn',
  summary: '扫码签到：校验签到码、签到时间、参会资格和位置；同一人多次扫码只记一次，以第一次为准；可离线补传',
  input: () =>
    z
      .object({
        meetingId: meetingIdField,
        token: z.string({ error: '请扫描或输入签到码' }).trim().min(1, { error: '请扫描或输入签到码' }).max(200, {
          error: '签到码格式不对，请重新扫描',
        }),
        deviceTime: z.number({ error: '手机时间格式不对' }).int().positive().nullish(),
        offline: z.boolean().nullish(),
        location: locationField.nullish(),
      })
      .strict(),
  output: shape<SignInResult>(),
  write: true,
  access: SELF,
  errors: WRITE_ERRORS,
})

export const attendanceSignInPrinted = defineAction({
  name: 'attendance.signInPrinted',
  summary: '扫会场签到码签到：须在会议签到范围内（提交定位），其余校验同扫码签到',
  input: () =>
    z
      .object({
        scene: z
          .string({ error: '会场签到码无效，请重新扫描' })
          .trim()
          .min(1)
          .max(32, { error: '会场签到码无效，请重新扫描' }),
        location: locationField.nullish(),
      })
      .strict(),
  output: shape<SignInResult>(),
  write: true,
  access: SELF,
  errors: WRITE_ERRORS,
})

export const attendanceMine = defineAction({
  name: 'attendance.mine',
  summary: '我在一次会议中的签到状态：签到时间窗、是否需要定位、能否远程参会、我的请假',
  input: () => meetingInput,
  output: shape<MySignInView>(),
  write: false,
  access: SELF,
  errors: READ_ERRORS,
})

const reasonField = (label: string) => textField(label, 100)

export const attendanceMarkManual = defineAction({
  name: 'attendance.markManual',
  summary: '代为登记出席（须写明原因，如手机没电）：记为“代为登记”，签到开放后至确认考勤前可用',
  input: () =>
    z.object({ meetingId: meetingIdField, memberId: memberIdField, reason: reasonField('代为登记的原因') }).strict(),
  output: shape<SignInResult>(),
  write: true,
  access: ORGANIZERS,
  errors: WRITE_ERRORS,
  preconditions: NOT_CANCELLED,
})

export const attendanceRemoteRequest = defineAction({
  name: 'attendance.remoteRequest',
  summary: '报名远程参会（会议允许远程时）：由书记确认后计入远程出席，不计入现场',
  input: () => meetingInput,
  output: shape<SignInResult>(),
  write: true,
  access: SELF,
  errors: WRITE_ERRORS,
})

export const attendanceRemoteConfirm = defineAction({
  name: 'attendance.remoteConfirm',
  summary: '确认党员远程参会（会议开始后）',
  input: () => z.object({ meetingId: meetingIdField, memberId: memberIdField }).strict(),
  output: shape<SignInResult>(),
  write: true,
  access: ORGANIZERS,
  errors: WRITE_ERRORS,
  preconditions: NOT_CANCELLED,
})

export const attendanceOfflineConfirm = defineAction({
  name: 'attendance.offlineConfirm',
  summary:
    '确认离线补传的签到（一键确认全部或逐个确认）：确认前只是本人申报，不计入出席；迟到按服务器收到时间，确认时可认定为准时；会议记录定稿后不能再确认',
  input: () =>
    z
      .object({
        meetingId: meetingIdField,
        memberIds: z
          .array(memberIdField)
          .min(1, { error: '请至少选择一位待确认的党员' })
          .max(500, { error: '一次最多确认 500 人，请分批确认' }),
        onTime: z.boolean({ error: '是否准时请选择是或否' }).nullish(),
      })
      .strict(),
  output: shape<AttendanceBoard>(),
  write: true,
  access: ORGANIZERS,
  errors: WRITE_ERRORS,
  preconditions: NOT_CANCELLED,
})

export const attendanceBoard = defineAction({
  name: 'attendance.board',
  summary: '签到看板：应到、实到（现场/远程）、请假、缺席、迟到，需要法定人数的会议显示是否达到',
  input: () => meetingInput,
  output: shape<AttendanceBoard & { title: string; startAt: number; endAt: number; canManage: boolean }>(),
  write: false,
  access: onMeetingRecord(ANY_ROLE, 'subtree'),
  errors: READ_ERRORS,
})

export const attendanceConfirm = defineAction({
  name: 'attendance.confirm',
  summary: '确认考勤（会议开始后）：记下出席情况与是否达到法定人数，会议从此计为已召开；可重新确认',
  input: () => meetingInput,
  output: shape<AttendanceBoard>(),
  write: true,
  access: ORGANIZERS,
  errors: WRITE_ERRORS,
  preconditions: NOT_CANCELLED,
})

export const attendanceInviteGuests = defineAction({
  name: 'attendance.inviteGuests',
  summary: '邀请列席人员（不计入应到和法定人数）；签到开放后的变更记入会议变更记录',
  input: () =>
    z
      .object({
        meetingId: meetingIdField,
        memberIds: z.array(memberIdField).min(1, { error: '请至少选择一位列席人员' }).max(50, {
          error: '一次最多邀请 50 位列席人员',
        }),
      })
      .strict(),
  output: shape<AttendanceSettingsView>(),
  write: true,
  access: ORGANIZERS,
  errors: WRITE_ERRORS,
  preconditions: NOT_CANCELLED,
})

export const attendanceAnswerGuestInvite = defineAction({
  name: 'attendance.answerGuestInvite',
  summary: '被邀请列席另一支部的会议：本人同意或谢绝；同意前邀请方看不到本人的姓名等信息，也不能为本人登记出席',
  input: () =>
    z
      .object({
        meetingId: meetingIdField,
        accept: z.boolean({ error: '请选择同意或谢绝列席' }),
      })
      .strict(),
  output: shape<GuestInviteAnswerView>(),
  write: true,
  access: SELF,
  errors: WRITE_ERRORS,
})

export const attendanceMyGuestInvite = defineAction({
  name: 'attendance.myGuestInvite',
  summary: '被邀请列席的党员查看自己的列席邀请现状：待答复、已同意、已谢绝、已由党委同意或已撤回；只读本人的',
  input: () => meetingInput,
  output: shape<MyGuestInviteView>(),
  write: false,
  access: SELF,
  errors: READ_ERRORS,
})

export const attendanceApproveGuest = defineAction({
  name: 'attendance.approveGuest',
  summary: '党委代为同意另一支部党员列席（该党员属于本党委）；同意后其列入列席名单',
  input: () => z.object({ meetingId: meetingIdField, memberId: memberIdField }).strict(),
  output: shape<AttendanceSettingsView>(),
  write: true,
  access: onMeetingRecord(['supervisor'], 'subtree'),
  errors: WRITE_ERRORS,
  preconditions: NOT_CANCELLED,
})

export const attendancePendingGuests = defineAction({
  name: 'attendance.pendingGuests',
  summary:
    '党委查看待确认的列席邀请：所辖支部邀请本党委其他支部党员列席、尚待本人或党委同意的（会议未结束的），按开会时间排列；党委可逐条代为同意',
  input: () => z.object({ orgId: idField('组织编号') }).strict(),
  output: shape<PendingGuestView[]>(),
  write: false,
  access: onOrgInput(['supervisor'], 'subtree', 'orgId'),
  errors: READ_ERRORS,
})

export const attendanceGuestCandidates = defineAction({
  name: 'attendance.guestCandidates',
  summary:
    '邀请列席时查找人员：本支部成员按姓名或手机号查找（不填则列出本支部）；本党委其他支部的党员须输入完整姓名或完整手机号才能找到，只显示姓名和所在支部，邀请后须本人或党委同意',
  input: () =>
    z
      .object({
        meetingId: meetingIdField,
        search: z.string({ error: '请填写姓名或手机号' }).trim().max(40, { error: '姓名或手机号不能超过 40 个字' }),
      })
      .strict(),
  output: shape<GuestCandidatesView>(),
  write: false,
  access: ORGANIZERS,
  errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
})

export const LEAVE_CATEGORIES = ['work', 'sick', 'personal', 'other'] as const

export const leaveRequestInput = z
  .object({
    meetingId: meetingIdField,
    category: z.enum(LEAVE_CATEGORIES, { error: '请选择请假类别' }),
    note: reasonField('请假说明'),
  })
  .strict()

export const leaveRequest = defineAction({
  name: 'leave.request',
  summary: '会前请假（因公、因病、因事、其他），由书记审批；批准后记为请假而非缺席',
  input: () => leaveRequestInput,
  output: shape<LeaveView>(),
  write: true,
  access: SELF,
  errors: WRITE_ERRORS,
})

export const leaveDecide = defineAction({
  name: 'leave.decide',
  summary: '审批请假：批准或不批准（不批准须说明），通知申请人',
  input: () =>
    z
      .object({
        meetingId: meetingIdField,
        memberId: memberIdField,
        approve: z.boolean({ error: '请选择批准或不批准' }),
        note: z.string().trim().max(100, { error: '审批意见不能超过 100 个字' }).nullish(),
      })
      .strict()
      .superRefine((v, ctx) => {
        if (!v.approve && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '不批准请假时请写明原因' })
      }),
  output: shape<LeaveView>(),
  write: true,
  access: ORGANIZERS,
  errors: WRITE_ERRORS,
})

export const leaveListMine = defineAction({
  name: 'leave.listMine',
  summary: '我的请假记录（由近及远，最多 50 条）',
  input: () => z.object({}).strict(),
  output: shape<LeaveView[]>(),
  write: false,
  access: SELF,
  errors: [],
})

export const ATTENDANCE_ACTIONS = catalogOf(
  attendanceConfigure,
  attendanceSettings,
  attendanceOpenCode,
  attendancePrintedCode,
  attendanceSignIn,
  attendanceSignInPrinted,
  attendanceMine,
  attendanceMarkManual,
  attendanceRemoteRequest,
  attendanceRemoteConfirm,
  attendanceOfflineConfirm,
  attendanceBoard,
  attendanceConfirm,
  attendanceInviteGuests,
  attendanceAnswerGuestInvite,
  attendanceMyGuestInvite,
  attendanceApproveGuest,
  attendancePendingGuests,
  attendanceGuestCandidates,
  leaveRequest,
  leaveDecide,
  leaveListMine,
)
