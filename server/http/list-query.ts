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
import { dayStartMs, daysBetween, isCalendarDay, nextDay, todayIn } from './day-bounds.ts'

const rules: Record<string, string> = {
  page: 'page must be a whole number from 1 to 1000000',
  limit: 'limit must be a whole number from 1 to 100',
  sort: 'sort must be title, customer, message_count, created_at or updated_at, with - before it for descending',
  customer: 'customer must be at most 200 characters',
  q: 'q must be at most 200 characters',
  text: 'text must be at most 200 characters',
  from: 'from must be a day, YYYY-MM-DD',
  to: 'to must be a day, YYYY-MM-DD',
  tz: 'tz must be an IANA time zone such as Europe/Paris',
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

type Raw = { customer?: string; q?: string; text?: string; from?: string; to?: string; tz?: string }

/** The created range as instants: `from`'s first moment to the end of `to`, in `tz` (UTC by default). */
function createdRange(raw: Raw): Pick<ListFilters, 'createdFromMs' | 'createdBeforeMs'> {
  const zone = raw.tz ?? 'UTC'
  for (const name of ['from', 'to'] as const) {
    const day = raw[name]
    if (day !== undefined && !isCalendarDay(day)) {
      throw new ApiFailure(400, 'invalid_query', `${name} is not a calendar day: ${day}.`)
    }
  }
  if (raw.from !== undefined && raw.to !== undefined && raw.from > raw.to) {
    throw new ApiFailure(400, 'invalid_query', 'from must be on or before to.')
  }
  return {
    createdFromMs: raw.from === undefined ? null : dayStartMs(raw.from, zone),
    createdBeforeMs: raw.to === undefined ? null : dayStartMs(nextDay(raw.to), zone),
  }
}

/** The store's filters for URL-style values (a request's, or a saved view's). */
export const filters = (raw: Raw): ListFilters => ({
  customer: raw.customer?.trim() ?? '',
  // A title search keeps its spaces (" ref" is not "ref"); only a blank one is no filter.
  q: raw.q?.trim() ? raw.q : '',
  text: raw.text?.trim() ?? '',
  ...createdRange(raw),
})

/** page, limit, sort and the filters of a list request. */
export function listQuery(c: Context): ListQuery {
  const raw = parse(c)
  return { page: raw.page ?? 1, limit: raw.limit ?? 20, sort: parseSort(raw.sort), ...filters(raw) }
}

/** The filters alone (a count or a changes request). */
export const filterQuery = (c: Context): ListFilters => filters(parse(c))

/** The filters and sort of an export (page and limit are ignored). */
export function exportQuery(c: Context): ListFilters & { sort: Sort } {
  const raw = parse(c)
  return { sort: parseSort(raw.sort), ...filters(raw) }
}

/** The filters, and the days an activity chart covers (by default the 30 ending today). */
export function activityQuery(c: Context, now: number) {
  const raw = parse(c)
  const zone = raw.tz ?? 'UTC'
  const to = raw.to ?? todayIn(zone, now)
  const from = raw.from ?? daysBack(to, 29)
  // Checks from and to (calendar days, in order) before anything counts days with them.
  const checked = filters({ ...raw, from, to })
  const days = daysBetween(from, to)
  if (days.length > 731) {
    throw new ApiFailure(400, 'invalid_query', 'The activity chart covers at most two years.')
  }
  const bounds = [...days, nextDay(to)].map((day) => dayStartMs(day, zone))
  return { filters: checked, days, bounds }
}

const daysBack = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10)
