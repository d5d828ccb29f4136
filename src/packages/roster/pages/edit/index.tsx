/**
 * Add a member (no id) or edit one (`?id=`). What is typed is kept as a draft until saved; an edit
 * carries the version it started from, so a concurrent change is reported, never overwritten.
 */
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Field, PickerField, SubmitBar, TextAreaField, TextField } from '../../../../components/form-fields'
import { Loaded } from '../../../../components/page-state'
import type { MemberDetail, MemberRow } from '../../../../domain/api/views'
import {
  BRANCH_ROLES,
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  ROLE_LABELS,
} from '../../../../domain/org'
import { clearDraft, loadDraft, saveDraft } from '../../../../services/draft-store'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { blankForm, checkMember, createInput, formOf, updateInput, type MemberForm } from '../../member-form'
import { redirect } from '../../../../services/navigation'
import './index.scss'

interface Draft {
  form: MemberForm
  /** For an edit: the version the form started from. */
  version: number | null
}

function Chips<T extends string>({
  idPrefix,
  options,
  isOn,
  label,
  onTap,
}: {
  idPrefix: string
  options: readonly T[]
  isOn: (v: T) => boolean
  label: (v: T) => string
  onTap: (v: T) => void
}) {
  return (
    <View className="chips">
      {options.map((o) => (
        <View key={o} id={`${idPrefix}-${o}`} className={`chip ${isOn(o) ? 'chip--on' : ''}`} onClick={() => onTap(o)}>
          <Text>{label(o)}</Text>
        </View>
      ))}
    </View>
  )
}

/**
 * The other members of the branch with exactly the name being typed (a pause of 400 ms after
 * typing), for a warning — two people may share a name, so it never stops the save. An edit that
 * keeps the member's name asks nothing.
 */
function useSameName(typed: string, memberId: string | null, existing: MemberDetail | null): MemberRow[] {
  const [name, setName] = useState(typed.trim())
  useEffect(() => {
    const t = setTimeout(() => setName(typed.trim()), 400)
    return () => clearTimeout(t)
  }, [typed])
  const found = useApi(
    'roster.list',
    name && name !== existing?.name
      ? { ...(existing ? { branchId: existing.org.id } : {}), search: name.slice(0, 20), limit: 20 }
      : null,
  )
  if (name === existing?.name) return []
  return (found.data?.items ?? []).filter((m) => m.name === name && m.id !== memberId)
}

function Editor({ memberId, existing }: { memberId: string | null; existing: MemberDetail | null }) {
  const draftKey = `member.${memberId ?? 'new'}`
  const [draft, setDraft] = useState<Draft>(() => {
    const saved = loadDraft<Draft>(draftKey)
    // A draft made from an older version is still offered; the server reports the conflict on save.
    if (saved) return saved
    return {
      form: existing ? formOf(existing) : blankForm(),
      version: existing?.version ?? null,
    }
  })
  // One hook per action (hooks are called unconditionally); the page uses the one its mode needs.
  const update = useWrite('roster.update', { draftKey })
  const create = useWrite('roster.create', { draftKey })
  const write = memberId ? update : create
  const groups = useApi('org.listGroups', existing ? { branchId: existing.org.id } : {})
  const form = draft.form
  useEffect(() => saveDraft(draftKey, draft), [draft, draftKey])
  const sameName = useSameName(form.name, memberId, existing)

  const set = <K extends keyof MemberForm>(key: K, value: MemberForm[K]) =>
    setDraft((d) => ({ ...d, form: { ...d.form, [key]: value } }))

  const save = async () => {
    if (write.busy) return
    const input = memberId ? updateInput(form, memberId, draft.version ?? 0) : createInput(form)
    const check = checkMember(input)
    if (check) return write.fail(check.summary, check.fields)
    const outcome = memberId
      ? await update.run(input as ReturnType<typeof updateInput>)
      : await create.run(input as ReturnType<typeof createInput>)
    if (outcome.status !== 'done') return
    clearDraft(draftKey)
    Taro.showToast({ title: '已保存', icon: 'none' })
    await redirect('memberDetail', { id: outcome.data.id })
  }
  const formError =
    write.error?.code === 'CONFLICT' && memberId
      ? `${write.message} 你填写的内容仍保留在本页；可以点“重新载入”取最新信息后再改。`
      : write.message
  const problem = (field: string) => write.problem(field, true)

  const reloadLatest = () => {
    clearDraft(draftKey)
    redirect('memberEdit', { id: memberId })
  }

  return (
    <View className="medit">
      <TextField
        id="field-name"
        label="姓名"
        value={form.name}
        onInput={(v) => set('name', v)}
        problem={problem('name')}
      />
      {sameName.length > 0 && (
        <Text id="same-name-warning" className="medit__warning">
          本支部已有同名党员：{sameName.map((m) => `${m.name}（手机尾号 ${m.phone.slice(-4)}）`).join('、')}
          。如果是同一个人，请不要重复{memberId ? '登记' : '新增'}；确是另一人，可以照常保存，之后用手机尾号区分。
        </Text>
      )}
      <Field label="性别">
        <Chips
          idPrefix="gender"
          options={['male', 'female'] as const}
          isOn={(g) => form.gender === g}
          label={(g) => (g === 'male' ? '男' : '女')}
          onTap={(g) => set('gender', g)}
        />
      </Field>
      <TextField
        id="field-phone"
        label="手机号"
        type="number"
        value={form.phone}
        maxlength={11}
        onInput={(v) => set('phone', v)}
        problem={problem('phone')}
      />
      <Field label="党员类别">
        <Chips
          idPrefix="category"
          options={MEMBER_CATEGORIES}
          isOn={(c) => form.category === c}
          label={(c) => MEMBER_CATEGORY_LABELS[c]}
          onTap={(c) => set('category', c)}
        />
      </Field>
      <PickerField
        id="field-joinedAt"
        label="入党时间"
        mode="date"
        value={form.joinedAt}
        start={form.joinedAt || '2000-07-01'}
        shown={form.joinedAt || '请选择'}
        onChange={(v) => set('joinedAt', v)}
        problem={problem('joinedAt')}
      />
      {form.category === 'full' && (
        <PickerField
          id="field-confirmedAt"
          label="转正时间"
          mode="date"
          value={form.confirmedAt ?? ''}
          start={form.confirmedAt || form.joinedAt || '2001-07-01'}
          shown={form.confirmedAt || '请选择（不详可不填）'}
          onChange={(v) => set('confirmedAt', v)}
          problem={problem('confirmedAt')}
        />
      )}
      <Field label="职务（可多选）" problem={problem('roles')}>
        <Chips
          idPrefix="role"
          options={BRANCH_ROLES.filter((r) => r !== 'member')}
          isOn={(r) => form.roles.includes(r)}
          label={(r) => ROLE_LABELS[r]}
          onTap={(r) => set('roles', form.roles.includes(r) ? form.roles.filter((x) => x !== r) : [...form.roles, r])}
        />
      </Field>
      <Field label="党小组" problem={problem('groupId')}>
        <Chips
          idPrefix="group"
          options={(groups.data ?? []).map((g) => g.id)}
          isOn={(g) => form.groupId === g}
          label={(g) => groups.data?.find((x) => x.id === g)?.name ?? g}
          onTap={(g) => set('groupId', form.groupId === g ? null : g)}
        />
      </Field>
      <Field label="状态">
        <Chips
          idPrefix="status"
          options={MEMBER_STATUSES}
          isOn={(s) => form.status === s}
          label={(s) => MEMBER_STATUS_LABELS[s]}
          onTap={(s) => set('status', s)}
        />
      </Field>
      {memberId && (
        <TextAreaField
          id="field-reason"
          label="变动原因（状态、职务、类别、党小组有变动时填写，会记入变动记录）"
          value={form.reason}
          maxlength={100}
          autoHeight
          onInput={(v) => set('reason', v)}
          problem={problem('reason')}
        />
      )}
      <SubmitBar message={formError} buttonId="save-member" label="保存" busy={write.busy} onSubmit={save}>
        {memberId && formError && (
          <Text className="medit__link" id="reload-latest" onClick={reloadLatest}>
            重新载入
          </Text>
        )}
      </SubmitBar>
    </View>
  )
}

export default function MemberEditPage() {
  const { params } = useRouter()
  const id = params.id || null
  const existing = useApi('roster.get', id ? { memberId: id } : null)
  if (!id) return <Editor memberId={null} existing={null} />
  return <Loaded state={existing}>{(m) => <Editor memberId={id} existing={m} />}</Loaded>
}
