import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import type { ConversationRow } from '../../lib/contract.ts'
import { conversationQueries } from '../../lib/queries/conversation-queries.ts'
import { syncQueries } from '../../lib/queries/sync-queries.ts'
import { reconnectSyncEvents } from '../../lib/sync-events.ts'
import { changeList } from './list-navigation.ts'
import { apiView, type ListState } from './list-url-state.ts'
import { useListFreshness } from './use-list-freshness.ts'

const NO_ROWS: readonly ConversationRow[] = []

/** Everything the list shows for one view of the URL: the server's page and the sync's state. */
export function useConversationList(state: ListState) {
  const client = useQueryClient()
  const sync = useQuery(syncQueries.status())
  const status = sync.data ?? null
  const view = useMemo(() => apiView(state), [state])
  const list = useQuery(conversationQueries.list(view))
  const { data, isPlaceholderData } = list
  const freshness = useListFreshness(status, list, view)

  /** The server has said its list is not complete yet (nothing is assumed before it speaks). */
  const loading = status !== null && !status.complete
  const complete = status?.complete === true
  /** The rows shown answer this very view, not the one before (kept while it loads). */
  const settled = data !== undefined && !isPlaceholderData
  const pageCount = Math.max(1, data?.pagination.total_pages ?? 1)

  // A deep link past the end waits while the list loads (its rows may be on their way);
  // once the list is complete, and the page has been read since, it shows the last page.
  const pastTheEnd = complete && settled && !freshness.following && state.page > pageCount
  useEffect(() => {
    if (pastTheEnd) changeList({ page: pageCount }, 'replace')
  }, [pastTheEnd, pageCount])

  const nextPage = settled && state.page < pageCount ? state.page + 1 : null
  useEffect(() => {
    if (nextPage !== null) {
      client.query(conversationQueries.list({ ...view, page: nextPage })).catch(() => undefined)
    }
  }, [client, view, nextPage])

  return {
    status,
    /** When the status was received: the rate-limit wait counts down from it. */
    statusAt: sync.dataUpdatedAt,
    list,
    view,
    loading,
    complete,
    settled,
    rows: data?.data ?? NO_ROWS,
    total: data?.pagination.total ?? 0,
    pageCount,
    pending: freshness.pending,
    show: freshness.show,
    retry: () => {
      if (status?.error) reconnectSyncEvents(client)
      void list.refetch()
    },
  }
}
