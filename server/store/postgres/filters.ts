// The list's filters as conditions on a conversation `c`, meaning what they mean on SQLite
// (sqlite/filters.ts, created-range.ts): the title contains the folded text (pg_trgm's
// index serves LIKE '%…%'); the customer's id equals the text or its name or email
// contains it; created_ms in [from, before); a message holds the words (message-index.ts).
// PostgreSQL's planner picks the index: walking a sort index when matches are dense,
// gathering them through the filter's own index and sorting when few.
// The customer filter is an OR of two indexed conditions, which PostgreSQL reads as the
// whole table once matches are many (250 ms at 1,000,000 conversations for 30,000
// matches, against 25 ms through the customer index alone). So a filter also comes as
// disjoint parts, each served by one index: a count adds theirs, a gather unites them.
import type { ListFilters } from '../../../src/lib/contract.ts'
import { parseTextQuery, type TextQuery } from '../message-words.ts'
import { customerNeedle, titleNeedle } from '../sort-keys.ts'
import type { Db } from './database.ts'
import { messageMatch, type Condition } from './message-index.ts'
import { numberOf } from './rows.ts'

export type { Condition }

/**
 * A filter two ways: `where`, one condition (a walk tests it row by row), and `parts`,
 * disjoint conditions whose union it is (a conversation matches one at most).
 */
export type Filter = { where: Condition; parts: readonly Condition[] }

/**
 * The filters: `filter` and `where` (its one condition) for `c`, all of them; `others`
 * (all but the message search), the search (for snippets), and whether the Created range
 * is the only filter.
 */
export type Compiled = {
  filter: Filter | null
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

/** The customer's id equals `needle`, or its name or email contains it. */
async function customerFilter(db: Db, needle: string): Promise<Filter> {
  const pattern = containing(needle)
  const named = 'SELECT key FROM mirror_customers WHERE name_lc LIKE ? OR email_lc LIKE ?'
  const keys = (await db.all(`${named} LIMIT ?`, [pattern, pattern, LISTED_CUSTOMERS + 1])).map(
    (row) => numberOf(row.key),
  )
  const byId: Condition = { sql: 'c.customer_id_lc = ?', params: [needle] }
  if (keys.length === 0) return { where: byId, parts: [byId] }
  const [byName, notByName]: [Condition, Condition] =
    keys.length <= LISTED_CUSTOMERS
      ? [
          { sql: 'c.customer_ref = ANY(?::int8[])', params: [keys] },
          { sql: 'c.customer_ref <> ALL(?::int8[])', params: [keys] },
        ]
      : [
          { sql: `c.customer_ref IN (${named})`, params: [pattern, pattern] },
          { sql: `c.customer_ref NOT IN (${named})`, params: [pattern, pattern] },
        ]
  return {
    where: {
      sql: `(${byId.sql} OR ${byName.sql})`,
      params: [...byId.params, ...byName.params],
    },
    parts: [
      byName,
      {
        sql: `(${byId.sql} AND (c.customer_ref IS NULL OR ${notByName.sql}))`,
        params: [...byId.params, ...notByName.params],
      },
    ],
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

const present = (...conditions: (Condition | null)[]): Condition[] =>
  conditions.flatMap((condition) => (condition ? [condition] : []))

export async function compileFilters(db: Db, filters: ListFilters): Promise<Compiled> {
  const title = titleNeedle(filters.q)
  const needle = customerNeedle(filters.customer)
  const titled = title ? { sql: 'c.title_key LIKE ?', params: [containing(title)] } : null
  const customer = needle ? await customerFilter(db, needle) : null
  const created = createdCondition(filters)
  const text = parseTextQuery(filters.text)
  const searched = text ? textCondition(text) : null
  const others = present(titled, customer?.where ?? null, created)
  const where = allOf([...others, ...present(searched)])
  const parts = customer
    ? customer.parts.map((part) => allOf(present(titled, part, created, searched)) ?? part)
    : present(where)
  return {
    filter: where && { where, parts },
    where,
    others: allOf(others),
    text,
    rangeOnly: created !== null && others.length === 1 && !text,
  }
}
