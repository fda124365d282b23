import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo } from 'react'
import type { ConversationRow, SyncStatus } from '../../lib/contract.ts'
import { conversationQueries, countedApart } from '../../lib/queries/conversation-queries.ts'
import { syncQueries } from '../../lib/queries/sync-queries.ts'
import { reconnectSyncEvents } from '../../lib/sync-events.ts'
import { useAfterPaint } from '../../lib/use-after-paint.ts'
import { changeList } from './list-navigation.ts'
import { apiView, type ListState } from './list-url-state.ts'
import { useListFreshness } from './use-list-freshness.ts'

const NO_ROWS: readonly ConversationRow[] = []

/** The status without the messages' progress, which the list shows only when searching them. */
function withoutMessages(status: SyncStatus | null): SyncStatus | null {
  if (status?.messages === undefined) return status
  const rest: SyncStatus = { ...status }
  delete rest.messages
  return rest
}

/** Everything the list shows for one view of the URL: the server's page and the sync's state. */
export function useConversationList(state: ListState) {
  const client = useQueryClient()
  const view = useMemo(() => apiView(state), [state])
  // While messages are read the status is pushed four times a second, for hours on a large
  // mirror, each time with only their progress changed: the list keeps it (and re-renders
  // for it) only while it searches messages. MessageSearchCatchUp follows it apart.
  const searchingMessages = view.text !== ''
  const select = useCallback(
    (status: SyncStatus | null) => (searchingMessages ? status : withoutMessages(status)),
    [searchingMessages],
  )
  const sync = useQuery({ ...syncQueries.status(), select })
  const status = sync.data ?? null
  const list = useQuery(conversationQueries.list(view))
  const searching = countedApart(view)
  const { data, isPlaceholderData } = list
  // The count is asked once the rows are in: the server answers one request at a time, and
  // a count that scans would hold the rows back. And once they are on the screen: asked in
  // the commit that shows them, its request and its "counting" render came before the frame
  // (with the next page's prefetch, 8 ms of a 1,000,000-row title search's 46).
  const rowsIn = data !== undefined && !isPlaceholderData
  const rowsPainted = useAfterPaint(rowsIn ? view : null) === view
  const count = useQuery({ ...conversationQueries.count(view), enabled: searching && rowsPainted })
  const freshness = useListFreshness(status, list, view, count)

  /** The server has said its list is not complete yet (nothing is assumed before it speaks). */
  const loading = status !== null && !status.complete
  const complete = status?.complete === true
  /** The rows shown answer this very view, not the one before (kept while it loads). */
  const settled = rowsIn
  const rows = data?.data ?? NO_ROWS
  const total = searching
    ? (count.data?.total ?? totalFromLastPage(settled, rows.length, state.page, state.limit))
    : data
      ? data.pagination.total
      : 0
  /** Null while the count is not known yet. */
  const pageCount = total === null ? null : Math.max(1, Math.ceil(total / state.limit))

  // A deep link past the end waits while the list loads (its rows may be on their way);
  // once the list is complete, and the page has been read since, it shows the last page.
  const pastTheEnd =
    complete && settled && !freshness.following && pageCount !== null && state.page > pageCount
  useEffect(() => {
    if (pastTheEnd) changeList({ page: pageCount }, 'replace')
  }, [pastTheEnd, pageCount])

  const hasNext = pageCount === null ? rows.length >= state.limit : state.page < pageCount
  const nextPage = rowsPainted && hasNext ? state.page + 1 : null
  useEffect(() => {
    if (nextPage !== null) {
      client.query(conversationQueries.list({ ...view, page: nextPage })).catch(() => undefined)
    }
  }, [client, view, nextPage])

  return {
    status,
    /**
     * When the status was received: the rate-limit wait counts down from it. Read only
     * while there is a wait, so that the time of every other push re-renders nothing.
     */
    statusAt: status?.wait ? sync.dataUpdatedAt : 0,
    list,
    view,
    loading,
    complete,
    settled,
    rows,
    /** What the filters keep in the mirror; null while a message search is being counted. */
    total,
    pageCount,
    error: list.error ?? (searching ? count.error : null),
    retrying: list.isFetching || (searching && count.isFetching),
    pending: freshness.pending,
    show: freshness.show,
    retry: () => {
      if (status?.error) reconnectSyncEvents(client)
      void list.refetch()
      if (searching) void count.refetch()
    },
  }
}

/** A page that is not full is the last: it tells the count before the count comes. */
function totalFromLastPage(settled: boolean, shown: number, page: number, limit: number) {
  if (!settled || shown >= limit || (shown === 0 && page > 1)) return null
  return (page - 1) * limit + shown
}
