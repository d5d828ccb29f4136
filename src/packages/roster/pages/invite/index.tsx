/**
 * The invitation for one member: a code and a scannable image, valid for 7 days and once. Making a
 * new one revokes the old, so a code photographed earlier stops working. It travels (issue 20 §6):
 * 复制邀请 puts a message with the code (and on the host the link the QR holds) on the clipboard, and
 * in WeChat 发给本人 shares the binding page with the code into a chat. On the host a link holding
 * this computer's own address is named as such, with what to do.
 */
import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { Button } from '../../../../components/nut'
import { Empty, ErrorState, Loading } from '../../../../components/page-state'
import type { InvitationView } from '../../../../domain/api/views'
import { beijing } from '../../../../domain/beijing-time'
import { invitationMessage } from '../../../../domain/invitation'
import { canShareToChat, copyText } from '../../../../services/share'
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

  // WeChat's 转发 of this page: the binding page with the code, titled for the person invited.
  useShareAppMessage(() =>
    invitation
      ? { title: `${invitation.branchName}邀请${invitation.memberName}绑定微信`, path: `/${invitation.path}` }
      : { title: '邀请绑定微信' },
  )

  const copy = async () => {
    if (!invitation) return
    const text = invitationMessage({
      memberName: invitation.memberName,
      branchName: invitation.branchName,
      code: invitation.code,
      expiresText: beijing(invitation.expiresAt).format('YYYY年MM月DD日 HH:mm'),
      link: invitation.link,
    })
    const copied = await copyText(text)
    if (!copied) void Taro.showToast({ title: '复制失败，请长按邀请码或链接手动复制', icon: 'none' })
  }

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
      {invitation.link && (
        <Text className="invite__link" id="invite-link" selectable>
          {invitation.link}
        </Text>
      )}
      {invitation.linkProblem && (
        <Text className="invite__problem" id="invite-link-problem">
          {invitation.linkProblem}
        </Text>
      )}
      <Text className="invite__hint">
        {beijing(invitation.expiresAt).format('YYYY年MM月DD日 HH:mm')}
        前有效，只能使用一次。绑定时需核对姓名和支部登记的完整手机号（最多 5 次，都不一致则邀请作废）。
      </Text>
      <View className="actions">
        {canShareToChat && (
          <Button id="share-invite" type="primary" block openType="share">
            发给本人（微信聊天）
          </Button>
        )}
        <Button id="copy-invite" type={canShareToChat ? 'default' : 'primary'} block onClick={() => void copy()}>
          {invitation.link ? '复制邀请（含邀请码和链接）' : '复制邀请（含邀请码）'}
        </Button>
        <Button id="renew-invite" block onClick={create}>
          重新生成（旧邀请码立即作废）
        </Button>
      </View>
    </View>
  )
}
