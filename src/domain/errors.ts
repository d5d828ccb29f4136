/**
 * Error codes every action may return, with the Chinese message a person reads.
 * Each message says what happened and what to do next.
 */

export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '填写的内容有误，请按提示修改后再提交。',
  UNAUTHENTICATED: '登录已失效，请重新登录。',
  NOT_BOUND: '你的微信还没有绑定党员身份，请向支部书记索取邀请码后完成绑定。',
  FORBIDDEN: '你没有权限进行这个操作；如需办理，请联系支部书记。',
  NOT_FOUND: '要找的记录不存在或已被删除，请返回刷新后再试。',
  CONFLICT: '这条记录刚被别人修改过，请刷新后再提交。',
  REQUEST_ID_REUSED: '提交编号重复，请刷新页面后重新提交。',
  UNKNOWN_ACTION: '当前版本不支持这个操作，请更新小程序后再试。',
  NOT_AVAILABLE: '这个功能只在本地开发环境中可用。',
  INTERNAL: '服务器出了点问题，请稍后重试；如果一直出现，请联系管理员。',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export interface FieldProblem {
  /** Dotted path of the input field, e.g. `agenda.0`. */
  field: string
  message: string
}

export interface ApiError {
  code: ErrorCode
  message: string
  fields?: FieldProblem[]
}

/** Thrown by handlers and the router; becomes `{ ok: false, error }` on the wire. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly fields?: FieldProblem[]

  constructor(code: ErrorCode, message?: string, fields?: FieldProblem[]) {
    super(message ?? ERROR_MESSAGES[code])
    this.code = code
    this.fields = fields
  }

  toJSON(): ApiError {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message }
  }
}

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: ApiError }

/**
 * Schema issues as the person reads them: one problem per field, and a summary of at most three
 * messages. The router and the client's forms use the same wording.
 */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): {
  fields: FieldProblem[]
  summary: string
} {
  const fields = issues.map((i) => ({ field: i.path.map(String).join('.') || '(整体)', message: i.message }))
  const summary = `${[...new Set(fields.map((f) => f.message))].slice(0, 3).join('；')}。请修改后再提交。`
  return { fields, summary }
}
