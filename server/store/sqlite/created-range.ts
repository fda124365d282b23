// The Created from / Created to filter: created_ms in [from, before), either end open. A
// conversation without a (readable) created_at has created_ms NULL, which no comparison
// keeps: it is outside every range. The range is a stretch of the created_at index, so it
// counts its rows there without reading a row, a list sorted by created_at walks only that
// stretch, and the updated_at index carries created_ms to test it while walking.
import type { ListFilters } from '../../../src/lib/contract.ts'
import { numberOf, textOf, type Database } from './database.ts'
import type { Condition, Driver, Filter } from './filters.ts'

export const BY_CREATED = 'INDEXED BY conversations_by_created_at'

// Measured at 1,000,000 rows: reading a conversation's row through another filter's index
// costs ~20 times more than stepping over one entry of the range in the created_at index
// (and testing its rowid against a set), or than adding one rowid to a set.
export const ROW_READ_COST = 20
const SET_COST_PER_ROW = 2
// A range and other filters matching at most this many conversations are listed once.
const LISTED_LIMIT = 20_000

export type CreatedRange = { from: number | null; before: number | null }

const bound = (value: number | null | undefined) =>
  typeof value === 'number' && Number.isFinite(value) ? value : null

/** The filters' range; null when neither end is set. */
export function createdRange(filters: ListFilters): CreatedRange | null {
  const from = bound(filters.createdFromMs)
  const before = bound(filters.createdBeforeMs)
  return from === null && before === null ? null : { from, before }
}

/** Conditions joined with AND ('1' for none). */
export const allOf = (conditions: readonly Condition[]): Condition => ({
  sql: conditions.map((condition) => condition.sql).join(' AND ') || '1',
  params: conditions.flatMap((condition) => condition.params),
})

/** The condition on c.created_ms ('c.created_ms IS NOT NULL' for a range open at both ends). */
export function rangeCondition({ from, before }: CreatedRange): Condition {
  const parts: Condition[] = [
    ...(from === null ? [] : [{ sql: 'c.created_ms >= ?', params: [from] }]),
    ...(before === null ? [] : [{ sql: 'c.created_ms < ?', params: [before] }]),
  ]
  return parts.length === 0 ? { sql: 'c.created_ms IS NOT NULL', params: [] } : allOf(parts)
}

const isRowidSet = (driver: Driver | undefined) => driver?.sql.startsWith('c.rowid IN (') ?? false

/**
 * A driver as a set of rowids, tested with the rowid an index entry carries (no row read):
 * as it is when it is one ("c.rowid IN (…)"), else gathered through its own index, within
 * the range (the customer_ref index carries created_ms). SQLite gathers it once per
 * statement.
 */
export const rowidSet = (driver: Driver, within: Condition): Condition =>
  isRowidSet(driver)
    ? driver
    : {
        sql: `c.rowid IN (SELECT c.rowid FROM conversations c ${driver.indexedBy} WHERE ${driver.sql} AND ${within.sql})`,
        params: [...driver.params, ...within.params],
      }

const countIn = (db: Database, where: Condition) =>
  numberOf(
    db.get(
      `SELECT count(*) AS n FROM conversations c ${BY_CREATED} WHERE ${where.sql}`,
      where.params,
    )?.n,
  ) ?? 0

/** How many conversations were created in the range, counted in the index alone. */
export const countCreated = (db: Database, range: CreatedRange): number =>
  countIn(db, rangeCondition(range))

/** Whether more than `limit` conversations were created in the range: steps over at most limit + 1. */
export function createdMoreThan(db: Database, range: CreatedRange, limit: number): boolean {
  const where = rangeCondition(range)
  const row = db.get(
    `SELECT count(*) AS n FROM (SELECT 1 FROM conversations c ${BY_CREATED} WHERE ${where.sql} LIMIT ?)`,
    [...where.params, limit + 1],
  )
  return (numberOf(row?.n) ?? 0) > limit
}

/**
 * The range among the other filters. When each of those has a driver, and reading the
 * rows of the smallest would cost more than stepping over the range's entries testing
 * them against every driver's set, the range and the sets become one filter: counted,
 * walked and sorted by created_at or updated_at in the index alone (a customer's name and
 * a 90-day range at 1,000,000 conversations: ~60,000 rows read, or ~150,000 entries).
 */
export function withCreatedRange(
  db: Database,
  others: readonly Filter[],
  range: CreatedRange,
  listedLimit = LISTED_LIMIT,
): Filter[] {
  const test = rangeCondition(range)
  const entries = countCreated(db, range)
  const alone: Filter = {
    test,
    driver: { ...test, size: entries, indexedBy: BY_CREATED },
    stretch: entries,
  }
  const drivers = others.flatMap((filter) => (filter.driver ? [filter.driver] : []))
  if (drivers.length === 0 || drivers.length < others.length) return [...others, alone]
  const smallest = Math.min(...drivers.map((driver) => driver.size))
  const sets = drivers.reduce((sum, driver) => sum + driver.size * SET_COST_PER_ROW, 0)
  if (smallest * ROW_READ_COST <= entries + sets) return [...others, alone]
  const both = allOf([test, ...drivers.map((driver) => rowidSet(driver, test))])
  // One driver read through its index finds its matches in the range there (a customer's
  // name: ~9,000 entries of the customer_ref index, rather than ~150,000 of the range's).
  const [only] = drivers.length === 1 && !isRowidSet(drivers[0]) ? drivers : []
  const matches = only
    ? {
        sql: `${only.indexedBy} WHERE ${only.sql} AND ${test.sql}`,
        params: [...only.params, ...test.params],
      }
    : { sql: `${BY_CREATED} WHERE ${both.sql}`, params: both.params }
  const combined = listed(db, test, matches, listedLimit) ?? { ...both, size: countIn(db, both) }
  return [{ test: combined, driver: { ...combined, indexedBy: BY_CREATED }, stretch: entries }]
}

/**
 * The matches (`FROM conversations c ${matches.sql}`) listed once when there are at most
 * `limit`: the page then tests each entry of the range against that list, rather than
 * gathering every set again.
 */
function listed(db: Database, range: Condition, matches: Condition, limit: number) {
  const row = db.get(
    `SELECT count(*) AS n, json_group_array(rowid) AS rowids
     FROM (SELECT c.rowid AS rowid FROM conversations c ${matches.sql} LIMIT ?)`,
    [...matches.params, limit + 1],
  )
  const size = numberOf(row?.n) ?? 0
  const rowids = textOf(row?.rowids)
  if (size > limit || rowids === null) return null
  const list = allOf([
    range,
    { sql: 'c.rowid IN (SELECT value FROM json_each(?))', params: [rowids] },
  ])
  return { ...list, size }
}
