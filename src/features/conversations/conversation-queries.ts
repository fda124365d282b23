import { queryOptions } from '@tanstack/react-query'
import { ApiRequestError } from '../../lib/api-error.ts'
import { ConversationSnapshotLineSchema, CustomerSnapshotLineSchema } from '../../lib/contract.ts'
import { snapshotQueryFn } from '../../lib/snapshot-stream.ts'

/**
 * The server already retries perform.chat where that helps and reports why it stopped,
 * so only an unreachable server (a dropped connection) is tried again here.
 */
export function retryUnreachable(failureCount: number, error: Error): boolean {
  return failureCount < 2 && error instanceof ApiRequestError && error.code === 'unreachable'
}

// Snapshots are large: structural sharing would walk every row on every streamed chunk.
const snapshotDefaults = {
  structuralSharing: false,
  staleTime: 30_000,
  refetchInterval: 60_000,
  refetchOnWindowFocus: true,
  retry: retryUnreachable,
} as const

export const conversationQueries = {
  all: () => ['conversations'] as const,
  snapshot: () =>
    queryOptions({
      queryKey: [...conversationQueries.all(), 'snapshot'] as const,
      queryFn: snapshotQueryFn('/api/conversations/snapshot', ConversationSnapshotLineSchema),
      ...snapshotDefaults,
    }),
}

export const customerQueries = {
  all: () => ['customers'] as const,
  snapshot: () =>
    queryOptions({
      queryKey: [...customerQueries.all(), 'snapshot'] as const,
      queryFn: snapshotQueryFn('/api/customers/snapshot', CustomerSnapshotLineSchema),
      ...snapshotDefaults,
    }),
}
