import { useInfiniteQuery } from '@tanstack/react-query'
import { useEffect, useId, useMemo, useRef, type RefObject } from 'react'
import { ApiRequestError } from '../../lib/api-error.ts'
import type { Message } from '../../lib/contract.ts'
import { conversationQueries } from '../../lib/queries/conversation-queries.ts'
import { parseTime } from '../../lib/format-time.ts'
import { MessageItem } from './message-item.tsx'
import { matchRanges, searchWords, type Range } from './search-marks.ts'
import { orderMessages } from './transcript-order.ts'
import { formatCount } from '../../lib/text.ts'

type Props = {
  conversationId: string
  /** The list's `Search messages` text: its words are marked in the messages that match. */
  searchText?: string
}

/**
 * The whole transcript: every page is fetched, one after another, without being asked.
 * With a message search, the messages that match are marked and the first is shown.
 */
export function Transcript({ conversationId, searchText = '' }: Props) {
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

  const words = useMemo(() => searchWords(searchText), [searchText])
  const marks = useMemo(() => matchesOf(messages, words), [messages, words])
  const firstMatch = messages.find((message) => marks.has(message.id))?.id
  const firstMatchRef = useRef<HTMLLIElement>(null)
  useScrollIntoViewOnce(firstMatchRef, !loading && !isError && firstMatch !== undefined)

  return (
    <section className="conversation-transcript" aria-labelledby={headingId} aria-busy={loading}>
      {/* Progress shares the heading's line, so nothing below moves when loading ends. */}
      <div className="conversation-transcript__head">
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
      </div>
      {!loading && !isError && messages.length === 0 ? (
        <p className="conversation-transcript__empty">No messages in this conversation</p>
      ) : null}
      {messages.length > 0 ? (
        <ol className="conversation-transcript__messages">
          {messages.map((message, index) => (
            <MessageItem
              key={message.id}
              ref={message.id === firstMatch ? firstMatchRef : undefined}
              message={message}
              previousTime={parseTime(messages[index - 1]?.created_at)}
              marks={marks.get(message.id)}
            />
          ))}
        </ol>
      ) : null}
      {/* Where the next messages would have come: what is shown stays where it is. */}
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
    </section>
  )
}

/** The marks of every message that holds all the searched words, by message id. */
function matchesOf(messages: readonly Message[], words: readonly string[]) {
  const found = new Map<string, readonly Range[]>()
  if (words.length === 0) return found
  for (const message of messages) {
    const ranges = message.content ? matchRanges(message.content, words) : null
    if (ranges) found.set(message.id, ranges)
  }
  return found
}

/**
 * Scrolls only the element's own scroller (the reading pane beside the list; the page in
 * the full-page view), so the list beside keeps its scroll. Browsers without `container`
 * scroll every scroller, as before.
 */
const CENTER_IN_SCROLLER: ScrollIntoViewOptions & { container: 'nearest' } = {
  block: 'center',
  container: 'nearest',
}

/**
 * Centres the element once, when `ready` first holds. A frame later: the view focuses its
 * heading in the same commit when the transcript came from the cache, and that focus
 * would scroll back to the top.
 */
function useScrollIntoViewOnce(element: RefObject<HTMLElement | null>, ready: boolean) {
  const done = useRef(false)
  useEffect(() => {
    if (!ready || done.current) return
    const frame = requestAnimationFrame(() => {
      done.current = true
      element.current?.scrollIntoView(CENTER_IN_SCROLLER)
    })
    return () => cancelAnimationFrame(frame)
  }, [element, ready])
}

function progressText(loaded: number, total: number | undefined, reason: Error | null): string {
  if (reason instanceof ApiRequestError && reason.status === 429) {
    const wait = reason.retryAfterSeconds
    return `The perform.chat rate limit is holding messages back; loading goes on${wait === undefined ? ' shortly' : ` in ${wait} s`}.`
  }
  if (total === undefined) return 'Loading messages…'
  return `Loading messages… (${formatCount(loaded)} of ${formatCount(total)})`
}
