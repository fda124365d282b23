import { queryOptions, type QueryClient } from '@tanstack/react-query'
import { CustomerSearchSchema, CustomerSnapshotLineSchema } from '../contract.ts'
import { getJson } from '../fetch-api.ts'
import { snapshotQueryFn } from '../snapshot-stream.ts'
import { retryDelay, shouldRetry, snapshotDefaults } from './retry.ts'

/** Every customer query; keys run from general to specific, each holding its inputs. */
export const customerQueries = {
  all: () => ['customers'] as const,
  snapshot: () =>
    queryOptions({
      queryKey: [...customerQueries.all(), 'snapshot'] as const,
      queryFn: snapshotQueryFn('/api/customers/snapshot', CustomerSnapshotLineSchema),
      ...snapshotDefaults,
    }),
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

/**
 * The customer as the list already has it, when the list's customer snapshot is cached:
 * initial data for `customerQueries.detail`, so a conversation opened from the list names
 * its customer at once, as fresh as that snapshot.
 */
export function cachedCustomer(client: QueryClient, id: string) {
  const key = customerQueries.snapshot().queryKey
  return {
    initialData: () => client.getQueryData(key)?.rows.find((row) => row.id === id),
    initialDataUpdatedAt: () => client.getQueryState(key)?.dataUpdatedAt,
  }
}
