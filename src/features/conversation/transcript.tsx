import { useInfiniteQuery } from '@tanstack/react-query'
import { useEffect, useId, useMemo } from 'react'
import { ApiRequestError } from '../../lib/api-error.ts'
import { conversationQueries } from '../../lib/queries/conversation-queries.ts'
import { parseTime } from '../../lib/format-time.ts'
import { MessageItem } from './message-item.tsx'
import { orderMessages } from './transcript-order.ts'

/** The whole transcript: every page is fetched, one after another, without being asked. */
export function Transcript({ conversationId }: { conversationId: string }) {
  const headingId = useId()
  const query = useInfiniteQuery(conversationQueries.messages(conversationId))
  const { data, hasNextPage, isFetching, isError, fetchNextPage, refetch } = query

  // Keyed on the page count too: React can batch a whole page fetch into one render,
  // so `isFetching` alone may never be seen changing between two pages.
  const pageCount = data?.pages.length ?? 0
  useEffect(() => {
    if (pageCount > 0 && hasNextPage && !isFetching && !isError) void fetchNextPage()
  }, [pageCount, hasNextPage, isFetching, isError, fetchNextPage])

  const messages = useMemo(() => orderMessages(data?.pages ?? []), [data])
  const total = data?.pages.at(-1)?.pagination.total
  const loading = !isError && (query.isPending || hasNextPage)
  const retry = () => void (query.isFetchNextPageError ? fetchNextPage() : refetch())

  return (
    <section className="conversation-transcript" aria-labelledby={headingId} aria-busy={loading}>
      <h2 id={headingId} className="conversation-transcript__heading">
        Transcript
      </h2>
      <p role="status" className="conversation-transcript__status">
        {loading ? progressText(messages.length, total, query.failureReason) : null}
      </p>
      {loading && total ? (
        <div className="conversation-transcript__progress" aria-hidden="true">
          <div style={{ width: `${Math.min(100, (messages.length / total) * 100)}%` }} />
        </div>
      ) : null}
      {isError ? (
        <div role="alert" className="conversation-transcript__error">
          <p>
            <strong>The messages could not be loaded.</strong> {query.error.message}
          </p>
          <button type="button" className="button" onClick={retry}>
            Retry
          </button>
        </div>
      ) : null}
      {!loading && !isError && messages.length === 0 ? (
        <p className="conversation-transcript__empty">No messages in this conversation</p>
      ) : null}
      {messages.length > 0 ? (
        <ol className="conversation-transcript__messages">
          {messages.map((message, index) => (
            <MessageItem
              key={message.id}
              message={message}
              previousTime={parseTime(messages[index - 1]?.created_at)}
            />
          ))}
        </ol>
      ) : null}
    </section>
  )
}

function progressText(loaded: number, total: number | undefined, reason: Error | null): string {
  if (reason instanceof ApiRequestError && reason.status === 429) {
    const wait = reason.retryAfterSeconds
    return `The perform.chat rate limit is holding messages back; loading goes on${wait === undefined ? ' shortly' : ` in ${wait} s`}.`
  }
  if (total === undefined) return 'Loading messages…'
  return `Loading messages… (${loaded.toLocaleString()} of ${total.toLocaleString()})`
}
