// How a page of the list is read: which index is walked, and in what order.
// Every sort column has an index on (key, id), NULL for a missing value. Missing values go
// last in both directions, which no single index order gives, so a list is read as two
// ranges: the present values in the asked order, then the missing ones by id.
// With a filter there are two ways to a page. "walk": follow the sort index from the start,
// testing each row, and stop at offset + limit (cheap when matches are dense). "sort":
// fetch the matches through the filter's own index and sort them (cheap when few).
import type { Sort, SortColumn } from '../../../src/lib/contract.ts'
import type { ListQuery } from '../store.ts'
import { numberOf, type Database } from './database.ts'
import type { Condition, Driver, Filter } from './filters.ts'
import { COMMON_MATCHES, estimatedMatches, rowTests, smallestDriver } from './filters.ts'

const SORT_KEYS: Record<SortColumn, { key: string; index: string }> = {
  title: { key: 'title_key', index: 'conversations_by_title' },
  customer: { key: 'customer_key', index: 'conversations_by_customer' },
  message_count: { key: 'message_count', index: 'conversations_by_message_count' },
  created_at: { key: 'created_ms', index: 'conversations_by_created_at' },
  updated_at: { key: 'updated_ms', index: 'conversations_by_updated_at' },
}

// Measured at 1,000,000 rows: walking a sort index and testing the row costs ~4x more
// per row than fetching one match through a filter's index and sorting it.
const WALK_COST_PER_ROW = 4
const SORT_COST_PER_MATCH = 1
// Reading the table in its own order (a scan) is sequential: at 1,000,000 rows a count of
// one-letter title matches scans in 40 ms where walking the updated_at index for a rare
// pair of letters, fetching each row, took 2.2 s.
const SCAN_COST_PER_ROW = 0.1
/** A walk stepping over at most 500 rows (well under a millisecond). */
const CHEAP_WALK = 500 * WALK_COST_PER_ROW

export type Plan =
  { kind: 'walk'; tests: Condition } | { kind: 'sort'; driver: Driver; tests: Condition }

/**
 * Every row, for filters no index serves (a sort plan's driver): the only such filter is a
 * title needle too short for trigrams, and the title index holds every title key in far
 * fewer pages than the table, so only the matching rows are read from the table.
 */
const scanDriver = (rows: number): Driver => ({
  sql: '1',
  params: [],
  size: rows,
  indexedBy: 'INDEXED BY conversations_by_title',
})

// The created_at and updated_at orders go together (a conversation is updated after it is
// created): walking by updated_at, a range of old conversations comes after nearly every
// other row, whatever its share of rows says. Both ways of a range that is the only filter
// read the index alone (migration 3); sorting its stretch costs ~2 steps of a walk an entry.
const STRETCH_SORT_COST = 2

/** The plan of a created range that is the only filter, for the sorts it orders or misleads. */
function stretchPlan(filters: readonly Filter[], column: SortColumn | undefined, rows: number) {
  const stretch = filters.length === 1 ? filters[0]?.stretch : undefined
  if (stretch === undefined) return null
  // Its own stretch of the index, walked, is exactly the list: nothing to step over.
  if (column === 'created_at') return 'walk'
  if (column === 'updated_at') return stretch * STRETCH_SORT_COST < rows - stretch ? 'sort' : 'walk'
  return null
}

/**
 * Walks when the rows to step over before the page ends (the page's end over the share of
 * rows that match) cost less than fetching and sorting every match. A walk by created_at
 * steps over only the created range's stretch of the index.
 */
export function choosePlan(
  filters: readonly Filter[],
  {
    end,
    matches,
    rows,
    column,
  }: { end: number; matches: number; rows: number; column?: SortColumn },
  force?: Plan['kind'],
): Plan {
  const driver = smallestDriver(filters)
  if (!driver) {
    // Few matches of a filter without an index: scanning the table beats walking past
    // nearly every row of the sort index to find them.
    const walked = matches === 0 ? rows : (Math.min(end, matches) * rows) / matches
    const scan = rows * SCAN_COST_PER_ROW + matches * SORT_COST_PER_MATCH
    const kind =
      force ?? (filters.length > 0 && walked * WALK_COST_PER_ROW > scan ? 'sort' : 'walk')
    if (kind === 'walk') return { kind, tests: rowTests(filters) }
    return { kind, driver: scanDriver(rows), tests: rowTests(filters) }
  }
  const stretches = column === 'created_at' ? filters.map((f) => f.stretch ?? rows) : []
  // No match at all: a walk would step over every row to find none.
  const walked =
    matches === 0
      ? rows
      : (Math.min(end, matches) * Math.min(rows, ...stretches)) / Math.max(matches, 1)
  // A walk this short is always cheap: no need to learn (count) the driver's size.
  const cheap = walked * WALK_COST_PER_ROW <= CHEAP_WALK
  // Common matches (a sample's estimate, or the count) weigh sorting them all well enough:
  // counting them exactly first costs more than the walk it decides on (at 1,000,000
  // conversations the 75,000 titles holding "payment": 10–20 ms, for a second page that a
  // walk reads in under a millisecond).
  const sortCost = () => (matches >= COMMON_MATCHES ? matches : driver.size) * SORT_COST_PER_MATCH
  const kind =
    force ??
    stretchPlan(filters, column, rows) ??
    (cheap || walked * WALK_COST_PER_ROW <= sortCost() ? 'walk' : 'sort')
  if (kind === 'walk') return { kind: 'walk', tests: rowTests(filters) }
  return { kind: 'sort', driver, tests: rowTests(filters.filter((f) => f.driver !== driver)) }
}

export type Select = { sql: string; params: Condition['params'] }

/** The two ranges of a walk: present values in the asked order, then missing ones by id. */
export function walkSelects(columns: string, sort: Sort, tests: Condition) {
  const { key, index } = SORT_KEYS[sort.column]
  const from = `FROM conversations c INDEXED BY ${index}`
  return {
    present: {
      sql: `SELECT ${columns} ${from} WHERE c.${key} IS NOT NULL AND ${tests.sql}
            ORDER BY c.${key} ${sort.desc ? 'DESC' : 'ASC'}, c.id`,
      params: tests.params,
    },
    missing: {
      sql: `SELECT ${columns} ${from} WHERE c.${key} IS NULL AND ${tests.sql} ORDER BY c.id`,
      params: tests.params,
    },
    countMissing: {
      sql: `SELECT count(*) AS n ${from} WHERE c.${key} IS NULL AND ${tests.sql}`,
      params: tests.params,
    },
    countPresent: {
      sql: `SELECT count(*) AS n ${from} WHERE c.${key} IS NOT NULL AND ${tests.sql}`,
      params: tests.params,
    },
  }
}

/** Every match of the driver, sorted: missing values last, ties by id. */
export function sortSelect(columns: string, sort: Sort, driver: Driver, tests: Condition): Select {
  const { key } = SORT_KEYS[sort.column]
  return {
    sql: `SELECT ${columns} FROM conversations c ${driver.indexedBy}
          WHERE ${driver.sql} AND ${tests.sql}
          ORDER BY c.${key} IS NULL, c.${key} ${sort.desc ? 'DESC' : 'ASC'}, c.id`,
    params: [...driver.params, ...tests.params],
  }
}

/**
 * Every match in the list's order, read row by row and holding nothing: the driver's
 * matches sorted when the planner would sort to reach row `end`, else the walk's ranges.
 */
export function orderedSelects(
  columns: string,
  sort: Sort,
  filters: readonly Filter[],
  { end, rows }: { end: number; rows: number },
): Select[] {
  const plan = choosePlan(filters, {
    end,
    matches: estimatedMatches(filters, rows),
    rows,
    column: sort.column,
  })
  if (plan.kind === 'sort') return [sortSelect(columns, sort, plan.driver, plan.tests)]
  const walk = walkSelects(columns, sort, plan.tests)
  return [walk.present, walk.missing]
}

/** How many conversations match: a driver alone knows; otherwise count through the best one. */
export function countSelect(filters: readonly Filter[]): Select | number {
  const driver = smallestDriver(filters)
  // Kept by the writes (write-conversations.ts, the conversation_removed trigger). count(*)
  // reads every leaf page of an index: at 1,000,000 conversations 0.3 ms while they are in
  // the page cache, 4–21 ms once other reads have pushed them out (seen on a serving server).
  if (filters.length === 0) return { sql: 'SELECT conversation_count AS n FROM mirror', params: [] }
  if (driver && filters.length === 1) return driver.size
  if (!driver) {
    const tests = rowTests(filters)
    return {
      sql: `SELECT count(*) AS n FROM conversations c WHERE ${tests.sql}`,
      params: tests.params,
    }
  }
  const tests = rowTests(filters.filter((f) => f.driver !== driver))
  return {
    sql: `SELECT count(*) AS n FROM conversations c ${driver.indexedBy} WHERE ${driver.sql} AND ${tests.sql}`,
    params: [...driver.params, ...tests.params],
  }
}

/**
 * The rowids of one page, by the planner's choice. `total` is the exact count when known;
 * otherwise the smallest driver's size guides the planner, and the matches are counted only
 * if the page reaches past the present values.
 */
export function pageRowids(
  db: Database,
  query: ListQuery,
  filters: readonly Filter[],
  total: number | null,
  force?: Plan['kind'],
): number[] {
  const offset = (query.page - 1) * query.limit
  const rows = numberOf(db.get('SELECT max(rowid) AS n FROM conversations')?.n) ?? 0
  const matches = total ?? estimatedMatches(filters, rows)
  const plan = choosePlan(
    filters,
    { end: offset + query.limit, matches, rows, column: query.sort.column },
    force,
  )
  const page = (select: Select, limit: number, skip: number) =>
    db
      .all(`${select.sql} LIMIT ? OFFSET ?`, [...select.params, limit, skip])
      .map((row) => numberOf(row.rowid) ?? 0)
  if (plan.kind === 'sort') {
    return page(sortSelect('c.rowid', query.sort, plan.driver, plan.tests), query.limit, offset)
  }
  const walk = walkSelects('c.rowid', query.sort, plan.tests)
  const rowids = page(walk.present, query.limit, offset)
  if (rowids.length === query.limit) return rowids
  // The page reaches past the present values: how many there are says where the missing
  // ones start.
  const counted = (select: Select) => numberOf(db.get(select.sql, select.params)?.n) ?? 0
  const present = total === null ? counted(walk.countPresent) : total - counted(walk.countMissing)
  return rowids.concat(
    page(walk.missing, query.limit - rowids.length, Math.max(0, offset - present)),
  )
}
