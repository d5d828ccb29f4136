/** Loading, error and empty states, the same on every page, always saying what to do next. */
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { ApiCallError } from '../services/api'
import { Button } from './nut'
import './page-state.scss'

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="page-state page-state--loading" id="state-loading">
      <Text>{text}</Text>
    </View>
  )
}

export function ErrorState({ error, onRetry }: { error: ApiCallError; onRetry?: () => void }) {
  return (
    <View className="page-state page-state--error" id="state-error">
      <Text className="page-state__message">{error.message}</Text>
      {onRetry && (
        <Button size="small" type="primary" fill="outline" onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  )
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <View className="page-state page-state--empty" id="state-empty">
      <Text>{children}</Text>
    </View>
  )
}

/** Renders `children(data)` once loaded; the loading or error state until then. */
export function Loaded<T>({
  state,
  children,
}: {
  state: { data: T | null; error: ApiCallError | null; loading: boolean; reload(): void }
  children: (data: T) => ReactNode
}) {
  if (state.data !== null) {
    return (
      <>
        {state.error && <ErrorState error={state.error} onRetry={state.reload} />}
        {children(state.data)}
      </>
    )
  }
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />
  return <Loading />
}

/** The foot of a paged list: the error of the last attempt, and the button for the next page. */
export function LoadMore({
  state,
  id,
}: {
  state: { hasMore: boolean; loadingMore: boolean; moreError: ApiCallError | null; loadMore(): void }
  id: string
}) {
  return (
    <>
      {state.moreError && <ErrorState error={state.moreError} onRetry={state.loadMore} />}
      {state.hasMore && (
        <View className="actions">
          <Button id={id} block loading={state.loadingMore} onClick={state.loadMore}>
            加载更多
          </Button>
        </View>
      )}
    </>
  )
}
