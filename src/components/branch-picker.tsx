/**
 * 选择党支部: pages kept per branch (会议月历, 流动党员, 会议记录本) opened by someone above the branches
 * (the 党委's or a 党总支's staff) without a branch in their query. The page asks the server first;
 * when the server answers that a branch must be chosen (VALIDATION_FAILED on `branchId`), it shows
 * this list of the branches below the viewer (org.subtree) instead of the bare message.
 */
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { OrgNode, OrgRef } from '../domain/api/views'
import type { ApiCallError } from '../services/api'
import { useApi } from '../services/use-api'
import { Empty, Loaded } from './page-state'
import './branch-picker.scss'

/** Branches shown at once; more are reached by typing part of the name. */
const SHOWN = 60

/** Whether a page's read failed only for want of a branch: the viewer must choose one. */
export function needsBranch(error: ApiCallError | null): boolean {
  return error !== null && error.code === 'VALIDATION_FAILED' && error.field('branchId') !== undefined
}

/** The branches of `nodes` matching `search` (part of the branch's or its 党总支's name), in tree order. */
export function branchesOf(nodes: OrgNode[], search: string): { branch: OrgNode; parentName: string }[] {
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const words = search.trim()
  return nodes
    .filter((n) => n.kind === 'branch')
    .map((branch) => ({ branch, parentName: byId.get(branch.parentId ?? '')?.name ?? '' }))
    .filter((b) => !words || b.branch.name.includes(words) || b.parentName.includes(words))
}

/**
 * The branches below the viewer to choose from, with a search box. `title` says what the page
 * shows per branch (e.g. `月历按党支部查看`); `onPick` gets the chosen branch.
 */
export function BranchPicker({ title, onPick }: { title: string; onPick: (branch: OrgRef) => void }) {
  const tree = useApi('org.subtree', {})
  const [search, setSearch] = useState('')
  return (
    <View className="branch-picker" id="branch-picker">
      <Text className="branch-picker__title">{title}，请选择一个党支部：</Text>
      <Loaded state={tree}>
        {(nodes) => {
          const all = branchesOf(nodes, '')
          const found = branchesOf(nodes, search)
          if (all.length === 0) return <Empty>所辖没有党支部。请先在 我的 › 组织架构 中建立党支部。</Empty>
          return (
            <>
              {all.length > 8 && (
                <View className="branch-picker__search">
                  <Input
                    id="branch-search"
                    className="branch-picker__input"
                    value={search}
                    placeholder="输入支部或党总支名称筛选"
                    onInput={(e) => setSearch(e.detail.value)}
                  />
                </View>
              )}
              <View className="panel branch-picker__list" id="branch-list">
                {found.length === 0 && (
                  <Text className="branch-picker__none">没有名称含“{search}”的党支部，请换个词。</Text>
                )}
                {found.slice(0, SHOWN).map(({ branch, parentName }) => (
                  <View
                    key={branch.id}
                    id={`pick-${branch.id}`}
                    className="branch-picker__item"
                    onClick={() => onPick({ id: branch.id, name: branch.name, kind: branch.kind })}
                  >
                    <Text className="branch-picker__name">{branch.name}</Text>
                    <Text className="branch-picker__meta">
                      {parentName} · {branch.memberCount} 人
                    </Text>
                  </View>
                ))}
                {found.length > SHOWN && (
                  <Text className="branch-picker__none">
                    还有 {found.length - SHOWN} 个党支部未列出，请输入名称筛选。
                  </Text>
                )}
              </View>
            </>
          )
        }}
      </Loaded>
    </View>
  )
}

/** A line above a page opened through the picker: the branch shown and the way back to the list. */
export function ChosenBranch({ name, onChange }: { name: string; onChange: () => void }) {
  return (
    <View className="branch-picker__chosen" id="chosen-branch">
      <Text>正在查看：{name}</Text>
      <Text className="branch-picker__change" id="change-branch" onClick={onChange}>
        换一个支部
      </Text>
    </View>
  )
}
