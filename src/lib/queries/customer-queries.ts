import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { CustomerSearchSchema } from '../contract.ts'
import { getJson } from '../fetch-api.ts'
import { retryDelay, shouldRetry } from './retry.ts'

/** Every customer query; keys run from general to specific, each holding its inputs. */
export const customerQueries = {
  all: () => ['customers'] as const,
  /** The mirror's best matches for the Customer filter's suggestions (at most 20). */
  search: (q: string) =>
    queryOptions({
      queryKey: [...customerQueries.all(), 'search', q] as const,
      queryFn: async ({ signal }) => {
        const found = await getJson(
          `/api/customers?q=${encodeURIComponent(q)}`,
          CustomerSearchSchema,
          signal,
        )
        return found.data
      },
      // The suggestions for what was typed before stay while the next ones load.
      placeholderData: keepPreviousData,
      staleTime: 60_000,
      retry: shouldRetry,
      retryDelay,
    }),
}
