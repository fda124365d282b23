import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import {
  ConversationSchema,
  ConversationSnapshotLineSchema,
  MessageListSchema,
  type MessageList,
} from '../contract.ts'
import { getJson } from '../fetch-api.ts'
import { snapshotQueryFn } from '../snapshot-stream.ts'
import { retryDelay, shouldRetry, snapshotDefaults } from './retry.ts'

/** The largest page the API allows: the fewest requests for a whole transcript. */
const MESSAGES_PAGE_SIZE = 100

const path = (id: string) => `/api/conversations/${encodeURIComponent(id)}`

/** Every conversation query; keys run from general to specific, each holding its inputs. */
export const conversationQueries = {
  all: () => ['conversations'] as const,
  snapshot: () =>
    queryOptions({
      queryKey: [...conversationQueries.all(), 'snapshot'] as const,
      queryFn: snapshotQueryFn('/api/conversations/snapshot', ConversationSnapshotLineSchema),
      ...snapshotDefaults,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...conversationQueries.all(), 'detail', id] as const,
      queryFn: ({ signal }) => getJson(path(id), ConversationSchema, signal),
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
