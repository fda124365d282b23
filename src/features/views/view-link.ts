// A saved view is a list URL: what it keeps is read back through the page's own URL
// parser, so a view saved by an older or newer page opens with the same fallbacks.
import { browserTimeZone } from '../../lib/calendar-day.ts'
import type { ViewQuery } from '../../lib/contract.ts'
import { sortParam } from '../../lib/list-query.ts'
import {
  apiView,
  listSearch,
  parseListState,
  type ListState,
} from '../conversations/list-url-state.ts'

const DEFAULTS = parseListState('')

/** What a view keeps of the list's state: filters, sort and rows per page, defaults left out. */
export function viewQueryOf(state: ListState): ViewQuery {
  const view = apiView(state)
  const query: ViewQuery = {}
  if (view.customer) query.customer = view.customer
  if (view.q) query.q = view.q
  if (view.text) query.text = view.text
  if (view.from) query.from = view.from
  if (view.to) query.to = view.to
  // The days were meant in this zone; the server counts the view in it.
  if (view.from || view.to) query.tz = browserTimeZone()
  const sort = sortParam(view.sort)
  if (sort !== sortParam(DEFAULTS.sort))
    query.sort = view.sort.desc ? `-${view.sort.column}` : view.sort.column
  if (view.limit !== DEFAULTS.limit) query.limit = view.limit
  return query
}

/** The list's query string that opens `query`, on its first page ('' for the plain list). */
export function viewSearch(query: ViewQuery): string {
  const params = new URLSearchParams()
  for (const key of ['customer', 'q', 'text', 'from', 'to', 'sort'] as const) {
    const value = query[key]
    if (value) params.set(key, value)
  }
  if (query.limit !== undefined) params.set('limit', String(query.limit))
  return listSearch(parseListState(params.toString()))
}

/** The list's current view as `viewSearch` writes it, to mark the view that is open. */
export const currentSearch = (state: ListState) => listSearch({ ...state, page: 1 })
