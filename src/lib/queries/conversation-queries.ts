import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query'
import {
  ChangesSchema,
  ConversationPageSchema,
  ConversationRowSchema,
  MessageListSchema,
  type ListFilters,
  type MessageList,
} from '../contract.ts'
import { getJson } from '../fetch-api.ts'
import { apiSearch, sortParam, type ListPage } from '../list-query.ts'
import { retryDelay, shouldRetry } from './retry.ts'

/** The largest page the API allows: the fewest requests for a whole transcript. */
const MESSAGES_PAGE_SIZE = 100

const path = (id: string) => `/api/conversations/${encodeURIComponent(id)}`

/** Every conversation query; keys run from general to specific, each holding its inputs. */
export const conversationQueries = {
  all: () => ['conversations'] as const,
  lists: () => [...conversationQueries.all(), 'list'] as const,
  /** One page of the mirror as the table shows it; the page before stays while it loads. */
  list: ({ page, limit, sort, customer, q }: ListPage) =>
    queryOptions({
      queryKey: [
        ...conversationQueries.lists(),
        { page, limit, sort: sortParam(sort), customer, q },
      ] as const,
      queryFn: ({ signal }) =>
        getJson(
          `/api/conversations${apiSearch({ page, limit, sort, customer, q })}`,
          ConversationPageSchema,
          signal,
        ),
      placeholderData: keepPreviousData,
      retry: shouldRetry,
      retryDelay,
    }),
  /**
   * How many of the view's conversations changed after `since` (the version of the rows
   * shown). `seen`, the mirror version last pushed, asks again each time the mirror moves.
   */
  changes: ({ customer, q }: ListFilters, since: number, seen: number) =>
    queryOptions({
      queryKey: [...conversationQueries.all(), 'changes', { customer, q, since, seen }] as const,
      queryFn: ({ signal }) =>
        getJson(
          `/api/conversations/changes${apiSearch({ since, customer, q })}`,
          ChangesSchema,
          signal,
        ),
      // The last count for the same rows stays while the count for a newer version loads.
      placeholderData: (previous, previousQuery) => {
        const key = previousQuery?.queryKey[2]
        const same = key?.since === since && key.customer === customer && key.q === q
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

/** An empty page ends the walk even if `total_pages` claims more, so a shrinking list cannot loop. */
function nextMessagesPage(last: MessageList): number | undefined {
  const { page, total_pages } = last.pagination
  return page < total_pages && last.data.length > 0 ? page + 1 : undefined
}
