// The list's URL parameters as /api/conversations and its export take them: checked
// strictly (a bad value is a 400 naming it, never a guess), unlike the page, which falls
// back to defaults so a stale link still opens.
import type { Context } from 'hono'
import {
  ListQuerySchema,
  type ListFilters,
  type Sort,
  type SortColumn,
} from '../../src/lib/contract.ts'
import { ApiFailure } from '../errors.ts'
import type { ListQuery } from '../store/store.ts'

const rules: Record<string, string> = {
  page: 'page must be a whole number from 1 to 1000000',
  limit: 'limit must be a whole number from 1 to 100',
  sort: 'sort must be title, customer, message_count, created_at or updated_at, with - before it for descending',
  customer: 'customer must be at most 200 characters',
  q: 'q must be at most 200 characters',
}

export const defaultSort: Sort = { column: 'updated_at', desc: true }

export function parseSort(value: string | undefined): Sort {
  if (value === undefined) return defaultSort
  const desc = value.startsWith('-')
  return { column: (desc ? value.slice(1) : value) as SortColumn, desc }
}

function parse(c: Context) {
  const parsed = ListQuerySchema.safeParse(
    Object.fromEntries(Object.keys(rules).map((name) => [name, c.req.query(name)])),
  )
  if (parsed.success) return parsed.data
  const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0])))
  const messages = Object.keys(rules)
    .filter((name) => fields.has(name))
    .map((name) => rules[name])
  throw new ApiFailure(400, 'invalid_query', `${messages.join('; ')}.`)
}

const filters = (raw: { customer?: string; q?: string }): ListFilters => ({
  customer: raw.customer?.trim() ?? '',
  // A title search keeps its spaces (" ref" is not "ref"); only a blank one is no filter.
  q: raw.q?.trim() ? raw.q : '',
})

/** page, limit, sort and the filters of a list request. */
export function listQuery(c: Context): ListQuery {
  const raw = parse(c)
  return { page: raw.page ?? 1, limit: raw.limit ?? 20, sort: parseSort(raw.sort), ...filters(raw) }
}

/** The filters and sort of an export or a changes request (page and limit are ignored). */
export function exportQuery(c: Context): ListFilters & { sort: Sort } {
  const raw = parse(c)
  return { sort: parseSort(raw.sort), ...filters(raw) }
}
