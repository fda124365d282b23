import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import type { SyncStatus } from '../../lib/contract.ts'
import { invalidateMessageSearches } from '../../lib/queries/conversation-queries.ts'
import { syncQueries } from '../../lib/queries/sync-queries.ts'
import { useThrottled } from '../../lib/use-throttled.ts'

/** A message search is read again at most this often while the message sync goes on. */
const FOLLOW_MS = 1000

/**
 * A message search answers over the conversations whose messages are in the mirror. The
 * message sync adds to them without moving the mirror's version (a first read of messages
 * changes no row), so while it goes on, and once more when it is done, every message
 * search is marked stale: the one on screen is read again, and one typed again later is
 * not answered from what an earlier, partial mirror said.
 */
export function MessageSearchCatchUp(): null {
  const client = useQueryClient()
  // Its own subscription, to the progress alone: a component that renders nothing follows
  // every push of it, not the list page.
  const { data: coverage } = useQuery({ ...syncQueries.status(), select: messagesOf })
  const searched = useThrottled(coverage?.searched ?? null, FOLLOW_MS)
  const done = coverage !== undefined && coverage.searched >= coverage.total
  const heard = useRef<{ searched: number | null; done: boolean } | null>(null)
  useEffect(() => {
    const before = heard.current
    heard.current = { searched, done }
    if (before === null || searched === null) return
    if (before.searched === searched && before.done === done) return
    void invalidateMessageSearches(client)
  }, [client, searched, done])
  return null
}

const messagesOf = (status: SyncStatus | null) => status?.messages
