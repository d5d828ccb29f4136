/**
 * Binding: the person opened an invitation (a scan gives `?code=` on the host, `?scene=code%3D…`
 * from a mini-program code) or typed the code; they confirm their name and their full phone number
 * as the branch registered it (other members only ever see it masked), and their WeChat is bound to
 * that member.
 */
import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { SubmitBar, TextField } from '../../../../components/form-fields'
import { Button } from '../../../../components/nut'
import { ErrorState, Loading } from '../../../../components/page-state'
import { beijing } from '../../../../domain/beijing-time'
import { MAX_BIND_ATTEMPTS } from '../../../../domain/invitation'
import { useApi } from '../../../../services/use-api'
import { useWrite } from '../../../../services/use-write'
import { codeFromParams } from '../../invite-code'
import { relaunch } from '../../../../services/navigation'
import { forgetInviteCode, keepInviteCode } from '../../../../services/pending-invite'
import './index.scss'

export default function BindPage() {
  const { params } = useRouter()
  const [code, setCode] = useState(() => codeFromParams(params))
  const [typedCode, setTypedCode] = useState('')
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const write = useWrite('binding.bind')
  const preview = useApi('invite.preview', code ? { code } : null)
  // Opened from a link in a browser without a session, this page goes to login: the code waits there
  // and the login comes back here with it.
  useEffect(() => keepInviteCode(code), [code])

  const submit = async () => {
    const outcome = await write.run({ code, name, phone })
    if (outcome.status !== 'done') return
    forgetInviteCode()
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
        {`邀请 ${preview.data.maskedName} 绑定微信。请填写你在支部登记的姓名和完整的 11 位手机号：` +
          '支部里其他人只能看到隐去中间四位的号码，所以只有你本人能填对，别人拿到邀请码也绑不走。' +
          `最多核对 ${MAX_BIND_ATTEMPTS} 次，都不一致时邀请作废，需请支部书记重新生成。` +
          `邀请 ${beijing(preview.data.expiresAt).format('MM月DD日 HH:mm')} 前有效。`}
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
        id="field-phone"
        label="手机号（完整 11 位）"
        type="number"
        value={phone}
        maxlength={11}
        placeholder="支部登记的手机号"
        onInput={setPhone}
        problem={write.problem('phone')}
      />
      <SubmitBar message={write.message} buttonId="submit-bind" label="确认绑定" busy={write.busy} onSubmit={submit} />
    </View>
  )
}
