/**
 * Binding: the person opened an invitation (a scan gives `?code=` on the host, `?scene=code%3D…`
 * from a mini-program code) or typed the code; they confirm their name and the last four digits
 * of their phone, and their WeChat is bound to that member.
 */
import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { FieldMessage, problemFor } from '../../../../components/field-message'
import { Button } from '../../../../components/nut'
import { ErrorState, Loading } from '../../../../components/page-state'
import type { FieldProblem } from '../../../../domain/errors'
import { beijing } from '../../../../domain/beijing-time'
import { asCallError, call, newRequestId } from '../../../../services/api'
import { useApi } from '../../../../services/use-api'
import { codeFromParams } from '../../invite-code'
import { relaunch } from '../../../../services/navigation'
import './index.scss'

export default function BindPage() {
  const { params } = useRouter()
  const [code, setCode] = useState(() => codeFromParams(params))
  const [typedCode, setTypedCode] = useState('')
  const [name, setName] = useState('')
  const [last4, setLast4] = useState('')
  const [problems, setProblems] = useState<FieldProblem[]>([])
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const [requestId, setRequestId] = useState(newRequestId)
  const preview = useApi('invite.preview', code ? { code } : null)

  const submit = async () => {
    if (busy) return
    setBusy(true)
    setFormError('')
    try {
      const profile = await call('binding.bind', { code, name, phoneLast4: last4 }, { requestId })
      Taro.showToast({ title: `绑定成功，欢迎你，${profile.bound ? profile.member.name : ''}`, icon: 'none' })
      await relaunch('home')
    } catch (err) {
      const e = asCallError(err)
      setProblems(e.fields)
      setFormError(e.message)
      // A refused attempt is not the same write as the next one.
      setRequestId(newRequestId())
    } finally {
      setBusy(false)
    }
  }

  if (!code) {
    return (
      <View className="bind">
        <Text className="bind__title">输入邀请码</Text>
        <Text className="bind__hint">邀请码由支部书记或组织委员生成，是 8 位字母或数字。</Text>
        <View className="form-field" id="field-code">
          <Input
            className="form-field__input"
            value={typedCode}
            maxlength={8}
            placeholder="如：K7Q2M9XA"
            onInput={(e) => setTypedCode(e.detail.value)}
          />
        </View>
        <View className="actions">
          <Button id="submit-code" type="primary" block onClick={() => setCode(typedCode.trim().toUpperCase())}>
            下一步
          </Button>
        </View>
      </View>
    )
  }
  if (preview.error) {
    return (
      <View className="bind">
        <ErrorState error={preview.error} onRetry={preview.reload} />
        <View className="actions">
          <Button id="change-code" block onClick={() => setCode('')}>
            换一个邀请码
          </Button>
        </View>
      </View>
    )
  }
  if (!preview.data) return <Loading />
  return (
    <View className="bind">
      <Text className="bind__title" id="bind-branch">
        {preview.data.branchName}
      </Text>
      <Text className="bind__hint">
        邀请 {preview.data.maskedName} 绑定微信。请填写你的姓名和手机号后四位，核对无误后完成绑定。邀请
        {beijing(preview.data.expiresAt).format('MM月DD日 HH:mm')}前有效。
      </Text>
      <View className="form-field" id="field-name">
        <Text className="form-field__label">姓名</Text>
        <Input className="form-field__input" value={name} maxlength={20} onInput={(e) => setName(e.detail.value)} />
        <FieldMessage className="form-problem" message={problemFor(problems, 'name')} />
      </View>
      <View className="form-field" id="field-phone4">
        <Text className="form-field__label">手机号后四位</Text>
        <Input
          className="form-field__input"
          type="number"
          value={last4}
          maxlength={4}
          onInput={(e) => setLast4(e.detail.value)}
        />
        <FieldMessage className="form-problem" message={problemFor(problems, 'phoneLast4')} />
      </View>
      {formError && (
        <Text className="form-error" id="form-error">
          {formError}
        </Text>
      )}
      <View className="actions">
        <Button id="submit-bind" type="primary" block loading={busy} onClick={submit}>
          确认绑定
        </Button>
      </View>
    </View>
  )
}
