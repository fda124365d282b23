import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { ConversationPage, Count, SyncStatus } from '../../lib/contract.ts'
import type { ViewFilters } from '../../lib/list-query.ts'
import { conversationQueries, countedApart } from '../../lib/queries/conversation-queries.ts'
import { useThrottled } from '../../lib/use-throttled.ts'

/** The page asks the server again at most this often as the mirror's version rises. */
const FOLLOW_MS = 500

/**
 * Keeps the rows on screen in step with the mirror, as CONTRACT.md wants it seen. Until
 * the first complete list, the rows follow the sync: each rise of the pushed version
 * refetches the page, so rows appear as they are written. When loading ends the page is
 * read once more, and a page that watched the loading follows on until that first sync
 * has also read the customers (their names). After that the rows hold still: a rise asks the server how many of this
 * view's conversations are new or updated since the rows shown, and `show` reads them.
 * A search's count, asked apart, is read again with its rows.
 */
export function useListFreshness(
  status: SyncStatus | null,
  list: UseQueryResult<ConversationPage>,
  filters: ViewFilters,
  count: UseQueryResult<Count>,
) {
  const client = useQueryClient()
  const latest = status?.version ?? null
  const throttled = useThrottled(latest, FOLLOW_MS)
  const loading = status !== null && !status.complete

  // The version at which this page saw loading end: rows older than it are caught up with.
  // A page whose FIRST status already says complete saw loading end there too: its rows
  // may have been read before that status, while the first sync was still writing.
  const [seen, setSeen] = useState<'nothing' | 'loading' | 'complete'>('nothing')
  const [completedAt, setCompletedAt] = useState<number | null>(null)
  // A page that watched the list load goes on following until that first sync ends: the
  // customers are read right after the list, and their names would otherwise be held
  // behind "N new or updated" for every row just loaded.
  const [watchedFirstSync, setWatchedFirstSync] = useState(false)
  if (loading && seen !== 'loading') setSeen('loading')
  if (status?.complete && seen !== 'complete') {
    if (seen === 'loading') setWatchedFirstSync(true)
    setSeen('complete')
    setCompletedAt(status.version)
  }
  if (watchedFirstSync && status?.complete && !status.syncing) setWatchedFirstSync(false)

  const shown = list.data && !list.isPlaceholderData ? list.data.version : null
  // While loading, refetches are paced; the catch-up once complete goes at once.
  const version = loading ? throttled : latest
  const behind = version !== null && shown !== null && version > shown
  const following =
    loading || watchedFirstSync || (completedAt !== null && shown !== null && shown < completedAt)
  // One read per pushed version: a page that answers at an older version than the status
  // (a lagging replica) is not asked again and again.
  const askedFor = useRef<number | null>(null)
  const { refetch, isFetching } = list
  const refetchCount = count.refetch
  const counted = countedApart(filters)
  useEffect(() => {
    if (!following || !behind || isFetching || askedFor.current === version) return
    askedFor.current = version
    void refetch()
    // A count still on its way is as new as this one: it is not asked twice.
    if (counted) void refetchCount({ cancelRefetch: false })
  }, [following, behind, isFetching, refetch, refetchCount, counted, version])

  const since =
    status?.complete && !following && throttled !== null && shown !== null && throttled > shown
      ? shown
      : null
  const changes = useQuery({
    ...conversationQueries.changes(filters, since ?? 0, throttled ?? 0),
    enabled: since !== null,
  })

  return {
    /** The rows follow the sync (it is loading, or has just ended and is being caught up with). */
    following,
    /** Conversations of this view new or updated since the rows shown (0 while following). */
    pending: since === null ? 0 : (changes.data?.count ?? 0),
    show: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: conversationQueries.lists() }),
        client.invalidateQueries({ queryKey: conversationQueries.counts() }),
      ]),
  }
}
