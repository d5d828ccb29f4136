/** Reads for pages: loading, error and data, refreshed each time the page is shown. */
import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionName, Actions } from '../domain/api/catalog'
import type { InputOf, OutputOf } from '../domain/api/define'
import { ApiCallError, asCallError, call } from './api'

export interface ApiState<T> {
  data: T | null
  error: ApiCallError | null
  loading: boolean
  reload(): void
}

export function useApi<N extends ActionName>(
  action: N,
  input: InputOf<Actions[N]> | null,
): ApiState<OutputOf<Actions[N]>> {
  const [data, setData] = useState<OutputOf<Actions[N]> | null>(null)
  const [error, setError] = useState<ApiCallError | null>(null)
  const [loading, setLoading] = useState(input !== null)
  const key = input === null ? null : JSON.stringify(input)
  const latest = useRef(0)

  const load = useCallback(() => {
    if (key === null) return
    const seq = ++latest.current
    setLoading(true)
    call(action, JSON.parse(key) as InputOf<Actions[N]>).then(
      (value) => {
        if (seq !== latest.current) return
        setData(value)
        setError(null)
        setLoading(false)
      },
      (err: unknown) => {
        if (seq !== latest.current) return
        setError(asCallError(err))
        setLoading(false)
      },
    )
  }, [action, key])

  const shownOnce = useRef(false)
  useEffect(load, [load])
  useDidShow(() => {
    // The first show is the mount, already loading; later shows refresh (back from another page).
    if (shownOnce.current) load()
    shownOnce.current = true
  })
  return { data, error, loading, reload: load }
}

type PagedAction = {
  [N in ActionName]: OutputOf<Actions[N]> extends { items: unknown[]; nextCursor: string | null } ? N : never
}[ActionName]
type ItemOf<N extends PagedAction> = OutputOf<Actions[N]> extends { items: (infer T)[] } ? T : never

export interface PagedState<T> {
  /** The first page, with its own loading and error state. */
  first: ApiState<{ items: T[]; nextCursor: string | null }>
  /** Every item loaded so far, first page included. */
  items: T[]
  hasMore: boolean
  loadingMore: boolean
  moreError: ApiCallError | null
  loadMore(): void
}

/** A cursor-paged read: the first page as `useApi`, further pages on demand. */
export function usePagedApi<N extends PagedAction>(
  action: N,
  input: InputOf<Actions[N]> | null,
): PagedState<ItemOf<N>> {
  const first = useApi(action, input) as unknown as ApiState<{ items: ItemOf<N>[]; nextCursor: string | null }>
  const [more, setMore] = useState<ItemOf<N>[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [moreError, setMoreError] = useState<ApiCallError | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)

  useEffect(() => {
    setMore([])
    setMoreError(null)
    setCursor(first.data?.nextCursor ?? null)
  }, [first.data])

  const loadMore = () => {
    if (!cursor || loadingMore || input === null) return
    setLoadingMore(true)
    call(action, { ...input, cursor } as InputOf<Actions[N]>).then(
      (page) => {
        const p = page as unknown as { items: ItemOf<N>[]; nextCursor: string | null }
        setMore((items) => [...items, ...p.items])
        setCursor(p.nextCursor)
        setMoreError(null)
        setLoadingMore(false)
      },
      (err: unknown) => {
        setMoreError(asCallError(err))
        setLoadingMore(false)
      },
    )
  }

  return {
    first,
    items: [...(first.data?.items ?? []), ...more],
    hasMore: cursor !== null,
    loadingMore,
    moreError,
    loadMore,
  }
}
