import { queryOptions, type Query } from '@tanstack/react-query'
import { ViewListSchema, type View } from '../contract.ts'
import { getJson } from '../fetch-api.ts'
import { retryDelay, shouldRetry } from './retry.ts'

/** While the server is still counting a view's conversations, it is asked again this often. */
const COUNTING_POLL_MS = 1_000
/** A count that does not come after this many reads is asked for less eagerly. */
const EAGER_READS = 30
const PATIENT_POLL_MS = 10_000

function pollWhileCounting(query: Query<View[], Error, View[]>) {
  const views = query.state.data
  if (!views?.some((view) => view.count === null)) return false
  return query.state.dataUpdateCount < EAGER_READS ? COUNTING_POLL_MS : PATIENT_POLL_MS
}

/** The team's saved views; keys run from general to specific, each holding its inputs. */
export const viewQueries = {
  all: () => ['views'] as const,
  /**
   * Every saved view with what it matches now. The counts follow the mirror: the views bar
   * has them read again when the mirror's version moves.
   */
  list: () =>
    queryOptions({
      queryKey: [...viewQueries.all(), 'list'] as const,
      queryFn: async ({ signal }) => (await getJson('/api/views', ViewListSchema, signal)).data,
      refetchInterval: pollWhileCounting,
      retry: shouldRetry,
      retryDelay,
    }),
}
