import { queryOptions, skipToken } from '@tanstack/react-query'
import type { SyncStatus } from '../contract.ts'

/** Nothing has been heard from the server yet. */
const notHeard = (): SyncStatus | null => null

/** The server's sync, as /api/events pushes it (see sync-events.ts). */
export const syncQueries = {
  all: () => ['sync'] as const,
  /**
   * The latest pushed status; null until the first arrives. Nothing is ever fetched: the
   * event stream writes it, and nothing can refetch it back to null.
   */
  status: () =>
    queryOptions({
      queryKey: [...syncQueries.all(), 'status'] as const,
      queryFn: skipToken,
      initialData: notHeard,
      staleTime: Infinity,
      // Kept while no screen shows it: the server pushes a status only when it changes.
      gcTime: Infinity,
    }),
}
