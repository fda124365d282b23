import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  type QueryClient,
} from '@tanstack/react-query'
import {
  ChangesSchema,
  ConversationPageSchema,
  ConversationRowSchema,
  CountSchema,
  type ConversationPage,
  type ConversationRow,
  MessageListSchema,
  type MessageList,
} from '../contract.ts'
import { getJson } from '../fetch-api.ts'
import { apiSearch, sortParam, type ListPage, type ViewFilters } from '../list-query.ts'
import { retryDelay, shouldRetry } from './retry.ts'

/** The largest page the API allows: the fewest requests for a whole transcript. */
const MESSAGES_PAGE_SIZE = 100

const path = (id: string) => `/api/conversations/${encodeURIComponent(id)}`

/**
 * A search may take longer to count than to page (a message search, or a one-letter title
 * search, which no index counts): its rows are asked for alone and its count apart.
 */
export const countedApart = (view: { q: string; text: string }) => view.text !== '' || view.q !== ''

/** Every conversation query; keys run from general to specific, each holding its inputs. */
export const conversationQueries = {
  all: () => ['conversations'] as const,
  lists: () => [...conversationQueries.all(), 'list'] as const,
  /**
   * One page of the mirror as the table shows it; the page before stays while it loads.
   * A search (`text` or `q`) asks for the page alone, so its rows are not held back by the
   * count (see `count`).
   */
  list: ({ page, limit, sort, customer, q, text, from, to }: ListPage) =>
    queryOptions({
      queryKey: [
        ...conversationQueries.lists(),
        { page, limit, sort: sortParam(sort), customer, q, text, from, to },
      ] as const,
      queryFn: ({ signal }) =>
        getJson(
          `/api/conversations${apiSearch({ page, limit, sort, customer, q, text, from, to, uncounted: countedApart({ q, text }) })}`,
          ConversationPageSchema,
          signal,
        ),
      placeholderData: keepPreviousData,
      retry: shouldRetry,
      retryDelay,
    }),
  counts: () => [...conversationQueries.all(), 'count'] as const,
  /** The exact number of conversations the filters keep: asked apart when searching messages. */
  count: ({ customer, q, text, from, to }: ViewFilters) =>
    queryOptions({
      queryKey: [...conversationQueries.counts(), { customer, q, text, from, to }] as const,
      queryFn: ({ signal }) =>
        getJson(
          `/api/conversations/count${apiSearch({ customer, q, text, from, to })}`,
          CountSchema,
          signal,
        ),
      retry: shouldRetry,
      retryDelay,
    }),
  /**
   * How many of the view's conversations changed after `since` (the version of the rows
   * shown). `seen`, the mirror version last pushed, asks again each time the mirror moves.
   */
  changes: ({ customer, q, text, from, to }: ViewFilters, since: number, seen: number) =>
    queryOptions({
      queryKey: [
        ...conversationQueries.all(),
        'changes',
        { customer, q, text, from, to, since, seen },
      ] as const,
      queryFn: ({ signal }) =>
        getJson(
          `/api/conversations/changes${apiSearch({ since, customer, q, text, from, to })}`,
          ChangesSchema,
          signal,
        ),
      // The last count for the same rows stays while the count for a newer version loads.
      placeholderData: (previous, previousQuery) => {
        const key = previousQuery?.queryKey[2]
        const same =
          key?.since === since &&
          key.customer === customer &&
          key.q === q &&
          key.text === text &&
          key.from === from &&
          key.to === to
        return same ? previous : undefined
      },
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...conversationQueries.all(), 'detail', id] as const,
      queryFn: ({ signal }) => getJson(path(id), ConversationRowSchema, signal),
      retry: shouldRetry,
      retryDelay,
    }),
  messages: (id: string) =>
    infiniteQueryOptions({
      queryKey: [
        ...conversationQueries.detail(id).queryKey,
        'messages',
        { limit: MESSAGES_PAGE_SIZE },
      ] as const,
      queryFn: ({ pageParam, signal }) =>
        getJson(
          `${path(id)}/messages?page=${pageParam}&limit=${MESSAGES_PAGE_SIZE}`,
          MessageListSchema,
          signal,
        ),
      initialPageParam: 1,
      getNextPageParam: nextMessagesPage,
      // Refetching walks every page again; a transcript read a minute ago is fresh enough.
      staleTime: 60_000,
      retry: shouldRetry,
      retryDelay,
    }),
}

/** A conversation as a page of the list in the cache shows it, if one does. */
export function listedConversation(client: QueryClient, id: string): ConversationRow | undefined {
  const pages = client.getQueriesData<ConversationPage>({ queryKey: conversationQueries.lists() })
  for (const [, page] of pages) {
    const row = page?.data.find((candidate) => candidate.id === id)
    if (row) return row
  }
  return undefined
}

/** An empty page ends the walk even if `total_pages` claims more, so a shrinking list cannot loop. */
function nextMessagesPage(last: MessageList): number | undefined {
  const { page, total_pages } = last.pagination
  return page < total_pages && last.data.length > 0 ? page + 1 : undefined
}

/** Marks every message search's pages and counts stale (the active ones are read again). */
export function invalidateMessageSearches(client: QueryClient) {
  return client.invalidateQueries({
    queryKey: conversationQueries.all(),
    predicate: (query) => {
      const [, kind, inputs] = query.queryKey
      const searched = typeof inputs === 'object' && inputs !== null && 'text' in inputs
      return (kind === 'list' || kind === 'count') && searched && inputs.text !== ''
    },
  })
}
