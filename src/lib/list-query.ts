// The list's view as our /api reads it. One place turns it into a query string, so the
// page, its count, its "new or updated" count and its export always ask about the same rows.
import { browserTimeZone } from './calendar-day.ts'
import type { ListFilters, Sort } from './contract.ts'

/**
 * The filters as the page sends them: the texts, and `Created from` / `Created to` as days
 * in the browser's time zone ('' when not set).
 */
export type ViewFilters = Pick<ListFilters, 'customer' | 'q' | 'text'> & {
  from: string
  to: string
}
export type ListView = ViewFilters & { sort: Sort }
export type ListPage = ListView & { page: number; limit: number }

/** `title`, or `-updated_at` for descending: the form of the page's URL and of /api. */
export const sortParam = (sort: Sort) => `${sort.desc ? '-' : ''}${sort.column}`

type Params = Partial<ViewFilters> & {
  page?: number
  limit?: number
  sort?: Sort
  since?: number
  /** Ask for the page without its count (`count=0`): a message search counts apart. */
  uncounted?: boolean
}

/** `?page=2&limit=20&sort=title&customer=ada`: empty filters are left out. */
export function apiSearch({
  page,
  limit,
  sort,
  customer,
  q,
  text,
  from,
  to,
  since,
  uncounted,
}: Params) {
  const params = new URLSearchParams()
  if (page !== undefined) params.set('page', String(page))
  if (limit !== undefined) params.set('limit', String(limit))
  if (sort) params.set('sort', sortParam(sort))
  if (since !== undefined) params.set('since', String(since))
  if (customer) params.set('customer', customer)
  if (q) params.set('q', q)
  if (text) params.set('text', text)
  if (from) params.set('from', from)
  if (to) params.set('to', to)
  // The days are the browser's: the server needs its zone to know when each begins.
  if (from || to) params.set('tz', browserTimeZone())
  if (uncounted) params.set('count', '0')
  const search = params.toString()
  return search ? `?${search}` : ''
}

/** The whole matching set as the server streams it, in the table's order. */
export const exportCsvPath = ({ sort, customer, q, text, from, to }: ListView) =>
  `/api/conversations/export.csv${apiSearch({ sort, customer, q, text, from, to })}`
