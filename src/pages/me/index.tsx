/** 我的: my profile, my branch and my roles. */
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup } from '../../components/nut'
import { Loaded } from '../../components/page-state'
import { UnboundNotice } from '../../components/unbound-notice'
import { DUES_KEEPER_ROLES } from '../../domain/dues'
import { MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS, ROLE_LABELS } from '../../domain/org'
import { clearSession, readSession, usesDevLogin } from '../../services/session'
import { useApi } from '../../services/use-api'
import { useWrite } from '../../services/use-write'
import { navigate, relaunch } from '../../services/navigation'
import './index.scss'

export default function Me() {
  const me = useApi('session.whoami', {})
  // A 扫码登录 session is ended on the server too, so the token left in this browser opens nothing.
  const webSessionId = usesDevLogin ? (readSession()?.webSessionId ?? null) : null
  const revoke = useWrite('webLogin.revoke')
  const switchAccount = async () => {
    if (webSessionId) {
      const outcome = await revoke.run({ sessionId: webSessionId })
      if (outcome.status === 'busy') return
      // Already ended elsewhere (网页版登录 on the phone): nothing left to end but the local copy.
      if (outcome.status === 'failed' && outcome.error.code !== 'NOT_FOUND') return
    }
    clearSession()
    relaunch('login')
  }
  return (
    <View className="me">
      <Loaded state={me}>
        {(profile) =>
          profile.bound ? (
            <>
              <View className="me__card" id="me-card">
                <Text className="me__name">{profile.member.name}</Text>
                <Text className="me__sub">
                  {MEMBER_CATEGORY_LABELS[profile.member.category]} · {MEMBER_STATUS_LABELS[profile.member.status]}
                </Text>
              </View>
              <CellGroup title="组织">
                <Cell title="所在组织" extra={profile.orgPath.map((o) => o.name).join(' / ')} />
                {profile.group && <Cell title="党小组" extra={profile.group.name} />}
                <Cell title="职务" extra={profile.member.roles.map((r) => ROLE_LABELS[r]).join('、')} />
              </CellGroup>
              {profile.org.kind === 'branch' && (
                <View className="actions">
                  <Button id="go-roster" type="primary" block onClick={() => navigate('rosterList')}>
                    支部成员
                  </Button>
                </View>
              )}
              <CellGroup title="个人信息">
                <Cell title="入党时间" extra={profile.member.joinedAt} />
                <Cell
                  title="表决权"
                  extra={
                    profile.member.votingRights
                      ? '有'
                      : profile.member.category === 'probationary'
                        ? '无（预备党员没有表决权）'
                        : '无（详见我的党员状态）'
                  }
                />
                <Cell title="手机号" extra={profile.member.phoneMasked} />
              </CellGroup>
              {profile.org.kind === 'branch' && (
                <View className="actions">
                  <Button id="go-my-record" block onClick={() => navigate('memberDetail', { id: profile.member.id })}>
                    我的党员状态（预备期、留党察看、不计入应到）
                  </Button>
                </View>
              )}
              {profile.org.kind === 'branch' && (
                <View className="actions">
                  <Button id="go-org-life" block onClick={() => navigate('orgLife')}>
                    我的组织生活
                  </Button>
                </View>
              )}
              {profile.org.kind === 'branch' && (
                <View className="actions">
                  <Button id="go-heart-talks" block onClick={() => navigate('heartTalks')}>
                    谈心谈话
                  </Button>
                </View>
              )}
              {profile.org.kind === 'branch' && (
                <View className="actions">
                  <Button id="go-dues" block onClick={() => navigate('duesMine')}>
                    我的党费
                  </Button>
                </View>
              )}
              {profile.org.kind !== 'branch' && profile.member.roles.includes('supervisor') && (
                <View className="actions">
                  <Button id="go-dues-rollup" block onClick={() => navigate('duesRollup')}>
                    党费汇总
                  </Button>
                </View>
              )}
              {profile.org.kind === 'branch' && profile.member.roles.some((r) => DUES_KEEPER_ROLES.includes(r)) && (
                <View className="actions">
                  <Button id="go-dues-ledger" block onClick={() => navigate('duesLedger')}>
                    党费台账
                  </Button>
                </View>
              )}
              <View className="actions">
                <Button id="go-read-receipts" block onClick={() => navigate('minutesReceipts')}>
                  阅签回执
                </Button>
              </View>
              <View className="actions">
                <Button id="go-web-sessions" block onClick={() => navigate('webSessions')}>
                  网页版登录
                </Button>
              </View>
              {usesDevLogin && (
                <View className="actions">
                  <Button id="switch-account" block loading={revoke.busy} onClick={() => void switchAccount()}>
                    {webSessionId ? '退出登录' : '切换演示账号'}
                  </Button>
                  {revoke.message && (
                    <Text className="me__error" id="logout-error">
                      退出没有完成：{revoke.message}
                    </Text>
                  )}
                </View>
              )}
            </>
          ) : (
            <UnboundNotice />
          )
        }
      </Loaded>
    </View>
  )
}
