/**
 * Add a member (no id) or edit one (`?id=`). What is typed is kept as a draft until saved; an edit
 * carries the version it started from, so a concurrent change is reported, never overwritten.
 */
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { FieldMessage, problemFor } from '../../../../components/field-message'
import { Button } from '../../../../components/nut'
import { Loaded } from '../../../../components/page-state'
import type { MemberDetail } from '../../../../domain/api/views'
import type { FieldProblem } from '../../../../domain/errors'
import {
  BRANCH_ROLES,
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  ROLE_LABELS,
} from '../../../../domain/org'
import { asCallError, call, newRequestId } from '../../../../services/api'
import { clearDraft, loadDraft, saveDraft } from '../../../../services/draft-store'
import { useApi } from '../../../../services/use-api'
import { blankForm, checkMember, createInput, formOf, updateInput, type MemberForm } from '../../member-form'
import { redirect } from '../../../../services/navigation'
import './index.scss'

interface Draft {
  form: MemberForm
  requestId: string
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

function Editor({ memberId, existing }: { memberId: string | null; existing: MemberDetail | null }) {
  const draftKey = `member.${memberId ?? 'new'}`
  const [draft, setDraft] = useState<Draft>(() => {
    const saved = loadDraft<Draft>(draftKey)
    // A draft made from an older version is still offered; the server reports the conflict on save.
    if (saved) return saved
    return {
      form: existing ? formOf(existing) : blankForm(),
      requestId: newRequestId(),
      version: existing?.version ?? null,
    }
  })
  const [problems, setProblems] = useState<FieldProblem[]>([])
  const [formError, setFormError] = useState('')
  const [saving, setSaving] = useState(false)
  const groups = useApi('org.listGroups', existing ? { branchId: existing.org.id } : {})
  const form = draft.form
  useEffect(() => saveDraft(draftKey, draft), [draft, draftKey])

  const set = <K extends keyof MemberForm>(key: K, value: MemberForm[K]) =>
    setDraft((d) => ({ ...d, form: { ...d.form, [key]: value } }))

  const save = async () => {
    if (saving) return
    const input = memberId ? updateInput(form, memberId, draft.version ?? 0) : createInput(form)
    const check = checkMember(input)
    if (check) {
      setProblems(check.fields)
      setFormError(check.summary)
      return
    }
    setSaving(true)
    setFormError('')
    try {
      const saved = memberId
        ? await call('roster.update', input as ReturnType<typeof updateInput>, { requestId: draft.requestId })
        : await call('roster.create', input as ReturnType<typeof createInput>, { requestId: draft.requestId })
      clearDraft(draftKey)
      Taro.showToast({ title: '已保存', icon: 'none' })
      await redirect('memberDetail', { id: saved.id })
    } catch (err) {
      const e = asCallError(err)
      setProblems(e.fields)
      setFormError(
        e.code === 'CONFLICT' && memberId
          ? `${e.message} 你填写的内容仍保留在本页；可以点“重新载入”取最新信息后再改。`
          : e.message,
      )
      if (e.code === 'REQUEST_ID_REUSED') setDraft((d) => ({ ...d, requestId: newRequestId() }))
    } finally {
      setSaving(false)
    }
  }

  const reloadLatest = () => {
    clearDraft(draftKey)
    redirect('memberEdit', { id: memberId })
  }

  return (
    <View className="medit">
      <View className="form-field" id="field-name">
        <Text className="form-field__label">姓名</Text>
        <Input
          className="form-field__input"
          value={form.name}
          maxlength={20}
          onInput={(e) => set('name', e.detail.value)}
        />
        <FieldMessage className="form-problem" message={problemFor(problems, 'name', true)} />
      </View>
      <View className="form-field">
        <Text className="form-field__label">性别</Text>
        <Chips
          idPrefix="gender"
          options={['male', 'female'] as const}
          isOn={(g) => form.gender === g}
          label={(g) => (g === 'male' ? '男' : '女')}
          onTap={(g) => set('gender', g)}
        />
      </View>
      <View className="form-field" id="field-phone">
        <Text className="form-field__label">手机号</Text>
        <Input
          className="form-field__input"
          type="number"
          value={form.phone}
          maxlength={11}
          onInput={(e) => set('phone', e.detail.value)}
        />
        <FieldMessage className="form-problem" message={problemFor(problems, 'phone', true)} />
      </View>
      <View className="form-field">
        <Text className="form-field__label">党员类别</Text>
        <Chips
          idPrefix="category"
          options={MEMBER_CATEGORIES}
          isOn={(c) => form.category === c}
          label={(c) => MEMBER_CATEGORY_LABELS[c]}
          onTap={(c) => set('category', c)}
        />
      </View>
      <Picker
        mode="date"
        value={form.joinedAt || '2000-07-01'}
        onChange={(e) => set('joinedAt', String(e.detail.value))}
      >
        <View className="form-field" id="field-joinedAt">
          <Text className="form-field__label">入党时间</Text>
          <Text className="form-field__input">{form.joinedAt || '请选择'}</Text>
          <FieldMessage className="form-problem" message={problemFor(problems, 'joinedAt', true)} />
        </View>
      </Picker>
      {form.category === 'full' && (
        <Picker
          mode="date"
          value={form.confirmedAt || form.joinedAt || '2001-07-01'}
          onChange={(e) => set('confirmedAt', String(e.detail.value))}
        >
          <View className="form-field" id="field-confirmedAt">
            <Text className="form-field__label">转正时间</Text>
            <Text className="form-field__input">{form.confirmedAt || '请选择（不详可不填）'}</Text>
            <FieldMessage className="form-problem" message={problemFor(problems, 'confirmedAt', true)} />
          </View>
        </Picker>
      )}
      <View className="form-field">
        <Text className="form-field__label">职务（可多选）</Text>
        <Chips
          idPrefix="role"
          options={BRANCH_ROLES.filter((r) => r !== 'member')}
          isOn={(r) => form.roles.includes(r)}
          label={(r) => ROLE_LABELS[r]}
          onTap={(r) => set('roles', form.roles.includes(r) ? form.roles.filter((x) => x !== r) : [...form.roles, r])}
        />
        <FieldMessage className="form-problem" message={problemFor(problems, 'roles', true)} />
      </View>
      <View className="form-field">
        <Text className="form-field__label">党小组</Text>
        <Chips
          idPrefix="group"
          options={(groups.data ?? []).map((g) => g.id)}
          isOn={(g) => form.groupId === g}
          label={(g) => groups.data?.find((x) => x.id === g)?.name ?? g}
          onTap={(g) => set('groupId', form.groupId === g ? null : g)}
        />
        <FieldMessage className="form-problem" message={problemFor(problems, 'groupId', true)} />
      </View>
      <View className="form-field">
        <Text className="form-field__label">状态</Text>
        <Chips
          idPrefix="status"
          options={MEMBER_STATUSES}
          isOn={(s) => form.status === s}
          label={(s) => MEMBER_STATUS_LABELS[s]}
          onTap={(s) => set('status', s)}
        />
      </View>
      {memberId && (
        <View className="form-field" id="field-reason">
          <Text className="form-field__label">变动原因（状态、职务、类别、党小组有变动时填写，会记入变动记录）</Text>
          <Textarea
            className="form-field__input"
            value={form.reason}
            maxlength={100}
            autoHeight
            onInput={(e) => set('reason', e.detail.value)}
          />
          <FieldMessage className="form-problem" message={problemFor(problems, 'reason', true)} />
        </View>
      )}
      {formError && (
        <Text className="form-error" id="form-error">
          {formError}
        </Text>
      )}
      <View className="actions">
        <Button id="save-member" type="primary" block loading={saving} onClick={save}>
          保存
        </Button>
        {memberId && formError && (
          <Text className="medit__link" id="reload-latest" onClick={reloadLatest}>
            重新载入
          </Text>
        )}
      </View>
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
