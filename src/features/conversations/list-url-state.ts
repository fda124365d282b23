import * as z from 'zod/mini'
import { PAGE_SIZES, SORT_VALUES, type Sort, type SortColumn } from '../../lib/contract.ts'
import { isCalendarDay, isReversed } from '../../lib/calendar-day.ts'
import { sortParam, type ListPage } from '../../lib/list-query.ts'

export type PageSize = (typeof PAGE_SIZES)[number]

export type ListState = ListPage & { limit: PageSize }

/** The server refuses longer filters (ListQuerySchema in contract.ts). */
export const FILTER_MAX_LENGTH = 200

const DEFAULT_SORT: Sort = { column: 'updated_at', desc: true }
const DEFAULTS = {
  page: 1,
  limit: 20,
  customer: '',
  q: '',
  text: '',
  from: '',
  to: '',
  sort: '-updated_at',
} as const

// One object per sort value, so a view that changes only its filter keeps the same sort
// (by identity).
const SORTS = new Map<string, Sort>(
  SORT_VALUES.map((value) => {
    const desc = value.startsWith('-')
    return [value, { column: (desc ? value.slice(1) : value) as SortColumn, desc }]
  }),
)

const isDayOrNone = (value: string) => value === '' || isCalendarDay(value)

// Every field falls back on its own, so one bad parameter never costs the others.
const ListUrlSchema = z.object({
  page: z.catch(z.coerce.number().check(z.int(), z.minimum(1)), DEFAULTS.page),
  limit: z.catch(z.pipe(z.coerce.number(), z.literal(PAGE_SIZES)), DEFAULTS.limit),
  customer: z.catch(z.string().check(z.maxLength(FILTER_MAX_LENGTH)), DEFAULTS.customer),
  q: z.catch(z.string().check(z.maxLength(FILTER_MAX_LENGTH)), DEFAULTS.q),
  text: z.catch(z.string().check(z.maxLength(FILTER_MAX_LENGTH)), DEFAULTS.text),
  from: z.catch(z.string().check(z.refine(isDayOrNone)), DEFAULTS.from),
  to: z.catch(z.string().check(z.refine(isDayOrNone)), DEFAULTS.to),
  sort: z.catch(z.enum(SORT_VALUES), DEFAULTS.sort),
})

/** The list's view from a query string; invalid or missing values become the defaults. */
export function parseListState(search: string): ListState {
  const params = new URLSearchParams(search)
  // A missing parameter reads as its default, which is valid: only a bad value makes the
  // schema fall back (and a fallback costs a validation issue, built and dropped).
  const raw = Object.fromEntries(
    Object.entries(DEFAULTS).map(([key, value]) => [key, params.get(key) ?? String(value)]),
  )
  const parsed = ListUrlSchema.parse(raw)
  return {
    page: parsed.page,
    limit: parsed.limit,
    customer: parsed.customer,
    q: parsed.q,
    text: parsed.text,
    from: parsed.from,
    to: parsed.to,
    sort: SORTS.get(parsed.sort) ?? DEFAULT_SORT,
  }
}

/**
 * What the server is asked for: the URL's view, the Customer and Search messages texts
 * without outer spaces (a message search matches words, so they change nothing), and no
 * created range when it ends before it begins (the page says so instead).
 */
export const apiView = (state: ListState): ListState => ({
  ...state,
  customer: state.customer.trim(),
  text: state.text.trim(),
  ...(isReversed(state.from, state.to) ? { from: '', to: '' } : {}),
})

/** The query string for a view, leaving out defaults so the plain list stays `/`. */
export function listSearch(state: ListState): string {
  const params = new URLSearchParams()
  if (state.customer) params.set('customer', state.customer)
  if (state.q) params.set('q', state.q)
  if (state.text) params.set('text', state.text)
  if (state.from) params.set('from', state.from)
  if (state.to) params.set('to', state.to)
  const sort = sortParam(state.sort)
  if (sort !== DEFAULTS.sort) params.set('sort', sort)
  if (state.limit !== DEFAULTS.limit) params.set('limit', String(state.limit))
  if (state.page !== DEFAULTS.page) params.set('page', String(state.page))
  const search = params.toString()
  return search ? `?${search}` : ''
}
