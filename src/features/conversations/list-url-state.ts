import * as z from 'zod/mini'

export const SORT_COLUMNS = [
  'title',
  'customer',
  'message_count',
  'created_at',
  'updated_at',
] as const
export type SortColumn = (typeof SORT_COLUMNS)[number]
export type Sort = { column: SortColumn; desc: boolean }

export const PAGE_SIZES = [20, 50, 100] as const
export type PageSize = (typeof PAGE_SIZES)[number]

export type ListState = {
  page: number
  limit: PageSize
  customer: string
  q: string
  sort: Sort
}

const DEFAULT_SORT: Sort = { column: 'updated_at', desc: true }
const DEFAULTS = { page: 1, limit: 20, customer: '', q: '', sort: '-updated_at' } as const

const sortValues = SORT_COLUMNS.flatMap((column) => [column, `-${column}`] as const)

// One object per sort value, so a view that changes only its filter keeps the same sort
// (by identity) and the expensive sort is not redone.
const SORTS = new Map<string, Sort>(
  sortValues.map((value) => {
    const desc = value.startsWith('-')
    return [value, { column: (desc ? value.slice(1) : value) as SortColumn, desc }]
  }),
)

// Every field falls back on its own, so one bad parameter never costs the others.
const ListQuerySchema = z.object({
  page: z.catch(z.coerce.number().check(z.int(), z.minimum(1)), DEFAULTS.page),
  limit: z.catch(z.pipe(z.coerce.number(), z.literal(PAGE_SIZES)), DEFAULTS.limit),
  customer: z.catch(z.string(), DEFAULTS.customer),
  q: z.catch(z.string(), DEFAULTS.q),
  sort: z.catch(z.enum(sortValues), DEFAULTS.sort),
})

/** The list's view from a query string; invalid or missing values become the defaults. */
export function parseListState(search: string): ListState {
  const params = new URLSearchParams(search)
  const raw = Object.fromEntries(
    ['page', 'limit', 'customer', 'q', 'sort'].map((key) => [key, params.get(key) ?? undefined]),
  )
  const parsed = ListQuerySchema.parse(raw)
  return {
    page: parsed.page,
    limit: parsed.limit,
    customer: parsed.customer,
    q: parsed.q,
    sort: SORTS.get(parsed.sort) ?? DEFAULT_SORT,
  }
}

const sortParam = (sort: Sort) => `${sort.desc ? '-' : ''}${sort.column}`

/** The query string for a view, leaving out defaults so the plain list stays `/`. */
export function listSearch(state: ListState): string {
  const params = new URLSearchParams()
  if (state.customer) params.set('customer', state.customer)
  if (state.q) params.set('q', state.q)
  const sort = sortParam(state.sort)
  if (sort !== DEFAULTS.sort) params.set('sort', sort)
  if (state.limit !== DEFAULTS.limit) params.set('limit', String(state.limit))
  if (state.page !== DEFAULTS.page) params.set('page', String(state.page))
  const search = params.toString()
  return search ? `?${search}` : ''
}
