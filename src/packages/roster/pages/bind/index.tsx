/**
 * Binding: the person opened an invitation (a scan gives `?code=` on the host, `?scene=code%3D…`
 * from a mini-program code) or typed the code; they confirm their name and the last four digits
 * of their phone, and their WeChat is bound to that member.
 */
import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { SubmitBar, TextField } from '../../../../components/form-fields'
import { Button } from '../../../../components/nut'
import { ErrorState, Loading } from '../../../../components/page-state'
import { beijing } from '../../../../domain/beijing-time'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { codeFromParams } from '../../invite-code'
import { relaunch } from '../../../../services/navigation'
import './index.scss'

export default function BindPage() {
  const { params } = useRouter()
  const [code, setCode] = useState(() => codeFromParams(params))
  const [typedCode, setTypedCode] = useState('')
  const [name, setName] = useState('')
  const [last4, setLast4] = useState('')
  const write = useWrite('binding.bind')
  const preview = useApi('invite.preview', code ? { code } : null)

  const submit = async () => {
    const outcome = await write.run({ code, name, phoneLast4: last4 })
    if (outcome.status !== 'done') return
    const profile = outcome.data
    Taro.showToast({ title: `绑定成功，欢迎你，${profile.bound ? profile.member.name : ''}`, icon: 'none' })
    await relaunch('home')
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
      <TextField
        id="field-name"
        label="姓名"
        value={name}
        maxlength={20}
        onInput={setName}
        problem={write.problem('name')}
      />
      <TextField
        id="field-phone4"
        label="手机号后四位"
        type="number"
        value={last4}
        maxlength={4}
        onInput={setLast4}
        problem={write.problem('phoneLast4')}
      />
      <SubmitBar message={write.message} buttonId="submit-bind" label="确认绑定" busy={write.busy} onSubmit={submit} />
    </View>
  )
}
