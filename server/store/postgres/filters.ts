// The list's filters as conditions on a conversation `c`, meaning what they mean on SQLite
// (sqlite/filters.ts, created-range.ts): the title contains the folded text (pg_trgm's
// index serves LIKE '%…%'); the customer's id equals the text or its name or email
// contains it; created_ms in [from, before); a message holds the words (message-index.ts).
// PostgreSQL's planner picks the index: walking a sort index when matches are dense,
// gathering them through the filter's own index and sorting when few.
import type { ListFilters } from '../../../src/lib/contract.ts'
import { parseTextQuery, type TextQuery } from '../message-words.ts'
import { customerNeedle, titleNeedle } from '../sort-keys.ts'
import type { Db } from './database.ts'
import { messageMatch, type Condition } from './message-index.ts'
import { numberOf } from './rows.ts'

export type { Condition }

/**
 * The filters: `where` for `c` (all of them), `others` (all but the message search),
 * the search (for snippets), and whether the Created range is the only filter.
 */
export type Compiled = {
  where: Condition | null
  others: Condition | null
  text: TextQuery | null
  rangeOnly: boolean
}

// Customers whose name or email matches are listed as keys up to this many, so a
// customer's conversations are found through two indexes; past it a subquery is used
// (matches are then many, and walking the list finds a page soon).
const LISTED_CUSTOMERS = 10_000
// A date past every epoch millisecond a Date can hold: bounds stay within bigint.
const MAX_MS = 8.64e15 + 1

/** LIKE's pattern for "contains `needle`", its wildcards taken literally. */
export const containing = (needle: string): string => `%${needle.replace(/[\\%_]/g, '\\$&')}%`

/** Conditions joined with AND; null for none. */
export function allOf(conditions: readonly Condition[]): Condition | null {
  if (conditions.length === 0) return null
  return {
    sql: conditions.map((condition) => condition.sql).join(' AND '),
    params: conditions.flatMap((condition) => condition.params),
  }
}

/** An epoch-ms bound as the integer that gives the same comparisons with created_ms. */
export const msBound = (value: number): number =>
  Math.max(-MAX_MS, Math.min(MAX_MS, Math.ceil(value)))

const bound = (value: number | null | undefined) =>
  typeof value === 'number' && Number.isFinite(value) ? msBound(value) : null

/** created_ms in [from, before), either end open; a conversation without one is in no range. */
export function createdCondition(filters: ListFilters): Condition | null {
  const from = bound(filters.createdFromMs)
  const before = bound(filters.createdBeforeMs)
  if (from === null && before === null) return null
  return allOf([
    ...(from === null ? [] : [{ sql: 'c.created_ms >= ?::int8', params: [from] }]),
    ...(before === null ? [] : [{ sql: 'c.created_ms < ?::int8', params: [before] }]),
  ])
}

async function customerCondition(db: Db, needle: string): Promise<Condition> {
  const pattern = containing(needle)
  const named = 'SELECT key FROM mirror_customers WHERE name_lc LIKE ? OR email_lc LIKE ?'
  const keys = (await db.all(`${named} LIMIT ?`, [pattern, pattern, LISTED_CUSTOMERS + 1])).map(
    (row) => numberOf(row.key),
  )
  if (keys.length === 0) return { sql: 'c.customer_id_lc = ?', params: [needle] }
  if (keys.length <= LISTED_CUSTOMERS) {
    return {
      sql: '(c.customer_id_lc = ? OR c.customer_ref = ANY(?::int8[]))',
      params: [needle, keys],
    }
  }
  return {
    sql: `(c.customer_id_lc = ? OR c.customer_ref IN (${named}))`,
    params: [needle, pattern, pattern],
  }
}

/** A message of the conversation holds the words. */
export function textCondition(text: TextQuery): Condition {
  const match = messageMatch(text)
  return {
    sql: `EXISTS (SELECT 1 FROM mirror_messages m WHERE m.conversation = c.key AND ${match.sql})`,
    params: match.params,
  }
}

export async function compileFilters(db: Db, filters: ListFilters): Promise<Compiled> {
  const title = titleNeedle(filters.q)
  const customer = customerNeedle(filters.customer)
  const created = createdCondition(filters)
  const text = parseTextQuery(filters.text)
  const others = [
    ...(title ? [{ sql: 'c.title_key LIKE ?', params: [containing(title)] }] : []),
    ...(customer ? [await customerCondition(db, customer)] : []),
    ...(created ? [created] : []),
  ]
  return {
    where: allOf([...others, ...(text ? [textCondition(text)] : [])]),
    others: allOf(others),
    text,
    rangeOnly: created !== null && others.length === 1 && !text,
  }
}
