import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import {
  ConversationSchema,
  CustomerSearchSchema,
  MessageListSchema,
  type MessageList,
} from '../../lib/contract.ts'
import { ApiRequestError } from '../../lib/api-error.ts'
import { getJson } from './fetch-api.ts'

/** The largest page the API allows: the fewest requests for a whole transcript. */
export const MESSAGES_PAGE_SIZE = 100

const MAX_WAIT_MS = 60_000

/**
 * The server already retries perform.chat where that helps, so a failure that reaches
 * the page is shown at once with a Retry button. Only a rate limit (which says when to
 * come back) and a dropped connection are waited out here.
 */
export function shouldRetry(failureCount: number, error: Error): boolean {
  if (failureCount >= 3) return false
  return error instanceof ApiRequestError && (error.status === 429 || error.code === 'unreachable')
}

export function retryDelay(failureCount: number, error: Error): number {
  if (error instanceof ApiRequestError && error.retryAfterSeconds !== undefined) {
    return Math.min(error.retryAfterSeconds * 1000, MAX_WAIT_MS)
  }
  return Math.min(1000 * 2 ** failureCount, MAX_WAIT_MS)
}

const path = (id: string) => `/api/conversations/${encodeURIComponent(id)}`

export const conversationQueries = {
  all: () => ['conversations'] as const,
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
export function nextMessagesPage(last: MessageList): number | undefined {
  const { page, total_pages } = last.pagination
  return page < total_pages && last.data.length > 0 ? page + 1 : undefined
}

export const customerQueries = {
  all: () => ['customers'] as const,
  /** There is no customer-by-id route: the search puts an exact id match first. */
  detail: (id: string) =>
    queryOptions({
      queryKey: [...customerQueries.all(), 'detail', id] as const,
      queryFn: async ({ signal }) => {
        const found = await getJson(
          `/api/customers?q=${encodeURIComponent(id)}`,
          CustomerSearchSchema,
          signal,
        )
        return found.data.find((customer) => customer.id === id) ?? null
      },
      retry: shouldRetry,
      retryDelay,
      staleTime: 5 * 60_000,
    }),
}
