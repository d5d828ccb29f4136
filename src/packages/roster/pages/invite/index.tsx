/**
 * The invitation for one member: a code and a scannable image, valid for 7 days and once. Making a
 * new one revokes the old, so a code photographed earlier stops working.
 */
import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { Button } from '../../../../components/nut'
import { Empty, ErrorState, Loading } from '../../../../components/page-state'
import type { InvitationView } from '../../../../domain/api/views'
import { beijing } from '../../../../domain/beijing-time'
import { useWrite } from '../../../../services/use-write'
import './index.scss'

export default function InvitePage() {
  const { params } = useRouter()
  const memberId = params.memberId ?? ''
  const [invitation, setInvitation] = useState<InvitationView | null>(null)
  // A retry after a failure is the same invitation; 重新生成 after one was made is a new one.
  const { run, error } = useWrite('invite.create')

  const create = useCallback(async () => {
    if (!memberId) return
    const outcome = await run({ memberId })
    if (outcome.status === 'done') setInvitation(outcome.data)
  }, [memberId, run])

  useEffect(() => {
    void create()
  }, [create])

  if (!memberId) return <Empty>没有指定要邀请的党员，请从党员信息页点“邀请绑定微信”。</Empty>
  if (error) return <ErrorState error={error} onRetry={create} />
  if (!invitation) return <Loading text="正在生成邀请…" />
  return (
    <View className="invite">
      <Text className="invite__who">
        邀请 {invitation.memberName}（{invitation.branchName}）绑定微信
      </Text>
      <Image className="invite__qr" id="invite-qr" src={invitation.imageDataUrl} mode="aspectFit" />
      <Text className="invite__label">或在小程序首页输入邀请码</Text>
      <Text className="invite__code" id="invite-code">
        {invitation.code}
      </Text>
      <Text className="invite__hint">
        {beijing(invitation.expiresAt).format('YYYY年MM月DD日 HH:mm')}
        前有效，只能使用一次。绑定时需核对姓名和支部登记的完整手机号（最多 5 次，都不一致则邀请作废）。
      </Text>
      <View className="actions">
        <Button id="renew-invite" block onClick={create}>
          重新生成（旧邀请码立即作废）
        </Button>
      </View>
    </View>
  )
}
