// Conversations created in each bucket [bounds[i], bounds[i+1]) that match the list's
// filters, in one statement, by the cheaper of two plans:
// - range: each bucket counts its stretch of the created_at index. The other filters apply
//   as sets of rowids, gathered once per statement through their own indexes; an index
//   entry carries its rowid, so no conversation row is read (reading rows is what costs:
//   ~155,000 of them over 90 days at 1,000,000 conversations take over a second).
// - matches: a filter that keeps few conversations (a customer's id) is read whole, and
//   each match's created_ms is put in its bucket here, by binary search.
import type { ListFilters } from '../../../src/lib/contract.ts'
import { parseTextQuery } from '../message-words.ts'
import {
  allOf,
  BY_CREATED,
  createdMoreThan,
  createdRange,
  rangeCondition,
  ROW_READ_COST,
  rowidSet,
  type CreatedRange,
} from './created-range.ts'
import { numberOf, type Database } from './database.ts'
import { compileFilters, smallestDriver, type Driver, type Filter } from './filters.ts'
import { fewMatches, textFilter } from './message-search.ts'

// The matches plan reads at most this many rows, and is chosen when reading them costs
// less than stepping over the range's index entries (see ROW_READ_COST).
const MATCHES_LIMIT = 5000
// As in a page of a search: the words before the last, in few messages, are checked here.
const FEW_MESSAGES = 2000

/** The filters other than the created range, a message search included. */
function otherFilters(db: Database, filters: ListFilters): Filter[] {
  const compiled = compileFilters(db, { ...filters, createdFromMs: null, createdBeforeMs: null })
  const text = parseTextQuery(filters.text)
  if (!text) return compiled
  const few = fewMatches(db, text, FEW_MESSAGES)
  const rows = numberOf(db.get('SELECT max(rowid) AS n FROM conversations')?.n) ?? 0
  return [...compiled, textFilter(db, text, few, few === null ? rows : 0)]
}

function byRange(
  db: Database,
  filters: readonly Filter[],
  range: CreatedRange,
  days: [number, number][],
): number[] {
  const within = rangeCondition(range)
  const where = allOf(
    filters.map((filter) => (filter.driver ? rowidSet(filter.driver, within) : filter.test)),
  )
  const rows = db.all(
    `WITH days AS (
       SELECT CAST(key AS INTEGER) AS i, value ->> 0 AS lo, value ->> 1 AS hi FROM json_each(?)
     )
     SELECT i, (SELECT count(*) FROM conversations c ${BY_CREATED}
                WHERE c.created_ms >= days.lo AND c.created_ms < days.hi AND ${where.sql}) AS n
     FROM days`,
    [JSON.stringify(days), ...where.params],
  )
  const counts = days.map(() => 0)
  for (const row of rows) counts[numberOf(row.i) ?? 0] = numberOf(row.n) ?? 0
  return counts
}

/** Index of the last bound at or before `ms` (bounds ascending, ms in [bounds[0], last)). */
function bucketOf(bounds: readonly number[], ms: number): number {
  let low = 0
  let high = bounds.length - 1
  while (high - low > 1) {
    const middle = (low + high) >> 1
    if (ms < (bounds[middle] ?? 0)) high = middle
    else low = middle
  }
  return low
}

function byMatches(
  db: Database,
  filters: readonly Filter[],
  driver: Driver,
  range: CreatedRange,
  bounds: readonly number[],
): number[] {
  const tests = allOf([
    ...filters.filter((filter) => filter.driver !== driver).map((filter) => filter.test),
    rangeCondition(range),
  ])
  const rows = db.all(
    `SELECT c.created_ms AS ms FROM conversations c ${driver.indexedBy}
     WHERE ${driver.sql} AND ${tests.sql}`,
    [...driver.params, ...tests.params],
  )
  const counts = bounds.slice(1).map(() => 0)
  for (const row of rows) {
    const bucket = bucketOf(bounds, numberOf(row.ms) ?? 0)
    counts[bucket] = (counts[bucket] ?? 0) + 1
  }
  return counts
}

/** `options.plan` overrides the choice (tests check both plans give the same counts). */
export function activity(
  db: Database,
  filters: ListFilters,
  bounds: readonly number[],
  options: { plan?: 'range' | 'matches' } = {},
): number[] {
  if (bounds.some((bound, i) => !Number.isFinite(bound) || bound < (bounds[i - 1] ?? bound)))
    throw new RangeError('Activity bounds must be finite and ascending.')
  const first = bounds[0]
  const last = bounds.at(-1)
  if (first === undefined || last === undefined || bounds.length < 2) return []
  // The filters' own range narrows the buckets'.
  const own = createdRange(filters)
  const from = Math.max(first, own?.from ?? first)
  const before = Math.min(last, own?.before ?? last)
  const others = otherFilters(db, filters)
  const driver = smallestDriver(others)
  const readMatches = ({ size }: Driver) =>
    options.plan
      ? options.plan === 'matches'
      : size <= MATCHES_LIMIT && createdMoreThan(db, { from, before }, size * ROW_READ_COST)
  if (driver && readMatches(driver)) return byMatches(db, others, driver, { from, before }, bounds)
  const days = bounds
    .slice(1)
    .map((hi, i): [number, number] => [Math.max(bounds[i] ?? hi, from), Math.min(hi, before)])
  return byRange(db, others, { from, before }, days)
}
