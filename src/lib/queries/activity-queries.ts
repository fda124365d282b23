import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { browserTimeZone } from '../calendar-day.ts'
import { ActivitySchema } from '../contract.ts'
import { getJson } from '../fetch-api.ts'
import { apiSearch, type ViewFilters } from '../list-query.ts'
import { conversationQueries } from './conversation-queries.ts'
import { retryDelay, shouldRetry } from './retry.ts'

/** The Activity chart's queries; keys run from general to specific, each holding its inputs. */
export const activityQueries = {
  all: () => [...conversationQueries.all(), 'activity'] as const,
  /**
   * Conversations created per day for the filters, in the browser's zone (sent even with
   * no range: the default 30 days end today there). `seen` is the mirror version of the
   * rows the table shows, so the chart moves with them (and with `Show`); the chart
   * before stays while the next loads.
   */
  days: ({ customer, q, text, from, to }: ViewFilters, seen: number | null) =>
    queryOptions({
      queryKey: [...activityQueries.all(), { customer, q, text, from, to, seen }] as const,
      queryFn: ({ signal }) => {
        const params = new URLSearchParams(apiSearch({ customer, q, text, from, to }))
        params.set('tz', browserTimeZone())
        return getJson(`/api/conversations/activity?${params}`, ActivitySchema, signal)
      },
      placeholderData: keepPreviousData,
      retry: shouldRetry,
      retryDelay,
    }),
}
