// The list's order as statements: missing values last in both directions, ties by id.
// Each sort column has one index, (key in its usual direction NULLS LAST, id), whose walk
// is exactly that order; so the usual direction is one statement that stops at the page's
// end. The other direction walks the index backwards, which puts missing values first and
// ties by id descending: it is read as two ranges, the present values (ties re-sorted by
// id as they come: an incremental sort) and then the missing ones by id.
// With filters there are two ways to a page, as on SQLite (sqlite/list-plan.ts): walk the
// sort index testing each row, stopping at the page's end (cheap when matches are dense),
// or gather the matches through the filter's own index and sort them (cheap when few).
// The count says which; PostgreSQL's own estimate of a LIKE or a range often cannot.
import type { Sort, SortColumn } from '../../../src/lib/contract.ts'
import type { ListQuery } from '../store.ts'
import type { Db } from './database.ts'
import type { Condition, Filter } from './filters.ts'
import { numberOf } from './rows.ts'

const SORT_KEYS: Record<SortColumn, { key: string; desc: boolean }> = {
  title: { key: 'title_key', desc: false },
  customer: { key: 'customer_key', desc: false },
  message_count: { key: 'message_count', desc: true },
  created_at: { key: 'created_ms', desc: true },
  updated_at: { key: 'updated_ms', desc: true },
}

// Measured at 1,000,000 conversations: a row stepped over in a walk (read and tested)
// costs about half of a match gathered through a filter's index and sorted.
const WALK_COST_PER_ROW = 1
const GATHER_COST_PER_MATCH = 2

/** A plan a test may force: every plan must give the same page. */
export type Plan = 'walk' | 'gather'

export type Select = { sql: string; params: readonly unknown[] }

const FROM = 'FROM mirror_conversations c'

/** `WHERE` with the conditions that are there (none: no WHERE). */
function where(...conditions: (Condition | string | null)[]): Select {
  const parts = conditions.flatMap((part) => (part === null ? [] : [part]))
  const sql = parts.map((part) => (typeof part === 'string' ? part : part.sql)).join(' AND ')
  return {
    sql: sql ? `WHERE ${sql}` : '',
    params: parts.flatMap((part) => (typeof part === 'string' ? [] : part.params)),
  }
}

/**
 * The statements that read `columns` of every match in the list's order, one after the
 * other. `prefix` (a WITH clause) comes before each.
 */
export function orderedSelects(
  columns: string | Condition,
  sort: Sort,
  filter: Condition | null,
  prefix: Condition = { sql: '', params: [] },
): Select[] {
  const { desc } = SORT_KEYS[sort.column]
  const key = `c.${SORT_KEYS[sort.column].key}`
  const direction = sort.desc ? 'DESC' : 'ASC'
  const shown = typeof columns === 'string' ? { sql: columns, params: [] } : columns
  const select = (range: Select, order: string) => ({
    sql: `${prefix.sql} SELECT ${shown.sql} ${FROM} ${range.sql} ORDER BY ${order}`,
    params: [...prefix.params, ...shown.params, ...range.params],
  })
  if (sort.desc === desc) return [select(where(filter), `${key} ${direction} NULLS LAST, c.id`)]
  return [
    // NULLS FIRST is the backward walk's order; there are none here.
    select(where(`${key} IS NOT NULL`, filter), `${key} ${direction} NULLS FIRST, c.id`),
    select(where(`${key} IS NULL`, filter), 'c.id'),
  ]
}

/** `matches` (their key, id and sort_key) in the list's order; `before`: WITH's they use. */
function sortedMatches(sort: Sort, matches: Select, before?: Condition): Select {
  return {
    sql: `WITH ${before ? `${before.sql}, ` : ''}matches AS MATERIALIZED (${matches.sql})
      SELECT key FROM matches ORDER BY sort_key ${sort.desc ? 'DESC' : 'ASC'} NULLS LAST, id`,
    params: [...(before?.params ?? []), ...matches.params],
  }
}

const matchColumns = (sort: Sort) => `c.key, c.id, c.${SORT_KEYS[sort.column].key} AS sort_key`

/**
 * Every match gathered first, each of the filter's disjoint parts through its own index,
 * then sorted: no walk of a sort index.
 */
export function gatheredSelect(sort: Sort, parts: readonly Condition[]): Select {
  return sortedMatches(sort, {
    sql: parts
      .map((part) => `SELECT ${matchColumns(sort)} ${FROM} WHERE ${part.sql}`)
      .join(' UNION ALL '),
    params: parts.flatMap((part) => part.params),
  })
}

/**
 * The matches of `filter` among the conversations of `keys` (a WITH named `name` of
 * distinct keys), each looked up by its key, then sorted. PostgreSQL would join them
 * instead, reading every conversation when it overestimates the keys (a word it has no
 * statistics for: ~24,000 guessed, 8 found); LIMIT 1 keeps the lookups from becoming
 * that join.
 */
export function lookedUpSelect(
  sort: Sort,
  keys: { name: string; with: Condition },
  filter: Condition | null,
): Select {
  const lookup = where(`c.key = k.key`, filter)
  return sortedMatches(
    sort,
    {
      sql: `SELECT c.key, c.id, c.sort_key FROM ${keys.name} k CROSS JOIN LATERAL
        (SELECT ${matchColumns(sort)} ${FROM} ${lookup.sql} LIMIT 1) c`,
      params: lookup.params,
    },
    keys.with,
  )
}

export const keysOf = async (db: Db, select: Select, limit: number, offset: number) =>
  (await db.all(`${select.sql} LIMIT ? OFFSET ?`, [...select.params, limit, offset])).map(
    (row) => numberOf(row.key) ?? 0,
  )

/** How many conversations there are (a counter: one row read). */
export const rowCount = async (db: Db): Promise<number> =>
  numberOf((await db.get('SELECT conversation_count AS n FROM mirror_meta'))?.n) ?? 0

/**
 * How many conversations the filter keeps (`extra` too): the counts of its disjoint parts
 * added; from the counter when there is no filter.
 */
export async function countWhere(
  db: Db,
  parts: readonly Condition[] | null,
  extra?: string,
): Promise<number> {
  if (parts === null && extra === undefined) return rowCount(db)
  const counts = (parts ?? [null]).map((part) => where(extra ?? null, part))
  const sql =
    counts.length === 1
      ? `SELECT count(*) AS n ${FROM} ${counts[0]?.sql ?? ''}`
      : `SELECT ${counts.map((count) => `(SELECT count(*) ${FROM} ${count.sql})`).join(' + ')} AS n`
  const params = counts.flatMap((count) => count.params)
  return numberOf((await db.get(sql, params))?.n) ?? 0
}

/**
 * Whether gathering the `total` matches costs less than walking to the page's end. A
 * Created range alone, with the list by last activity, is gathered when it is less than a
 * third of the list: the two dates go together, so a range of old conversations comes
 * after nearly every other row of that walk, whatever its share of rows says.
 */
function gathers(sort: Sort, end: number, total: number, rows: number, rangeOnly: boolean) {
  if (rangeOnly && sort.column === 'created_at') return false
  if (rangeOnly && sort.column === 'updated_at') return 3 * total < rows
  const walked = (Math.min(end, total) * rows) / Math.max(total, 1)
  return walked * WALK_COST_PER_ROW > total * GATHER_COST_PER_MATCH
}

/** The keys of one page of the `total` matches of `filter`, in the list's order. */
export async function pageKeys(
  db: Db,
  query: ListQuery,
  filter: Filter | null,
  { total, rangeOnly }: { total: number; rangeOnly: boolean },
  plan?: Plan,
): Promise<number[]> {
  const offset = (query.page - 1) * query.limit
  const end = offset + query.limit
  const gather =
    filter !== null &&
    (plan === undefined
      ? gathers(query.sort, end, total, await rowCount(db), rangeOnly)
      : plan === 'gather')
  if (gather) {
    return keysOf(db, gatheredSelect(query.sort, filter.parts), query.limit, offset)
  }
  const [first, missing] = orderedSelects('c.key', query.sort, filter?.where ?? null)
  if (!first) return []
  const keys = await keysOf(db, first, query.limit, offset)
  if (!missing || keys.length === query.limit) return keys
  // The page reaches past the present values: how many there are says where the missing
  // ones start.
  const present =
    total -
    (await countWhere(db, filter?.parts ?? null, `c.${SORT_KEYS[query.sort.column].key} IS NULL`))
  return keys.concat(
    await keysOf(db, missing, query.limit - keys.length, Math.max(0, offset - present)),
  )
}
