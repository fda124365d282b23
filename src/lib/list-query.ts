// The list's view as our /api reads it. One place turns it into a query string, so the
// page, its "new or updated" count and its export always ask about the same rows.
import type { ListFilters, Sort } from './contract.ts'

export type ListView = ListFilters & { sort: Sort }
export type ListPage = ListView & { page: number; limit: number }

/** `title`, or `-updated_at` for descending: the form of the page's URL and of /api. */
export const sortParam = (sort: Sort) => `${sort.desc ? '-' : ''}${sort.column}`

type Params = Partial<ListFilters> & {
  page?: number
  limit?: number
  sort?: Sort
  since?: number
}

/** `?page=2&limit=20&sort=title&customer=ada`: empty filters are left out. */
export function apiSearch({ page, limit, sort, customer, q, since }: Params): string {
  const params = new URLSearchParams()
  if (page !== undefined) params.set('page', String(page))
  if (limit !== undefined) params.set('limit', String(limit))
  if (sort) params.set('sort', sortParam(sort))
  if (since !== undefined) params.set('since', String(since))
  if (customer) params.set('customer', customer)
  if (q) params.set('q', q)
  const search = params.toString()
  return search ? `?${search}` : ''
}

/** The whole matching set as the server streams it, in the table's order. */
export const exportCsvPath = ({ sort, customer, q }: ListView) =>
  `/api/conversations/export.csv${apiSearch({ sort, customer, q })}`
