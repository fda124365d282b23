// The list's filters as SQL, in two forms each. A row test checks one conversation (used
// while walking a sort index, and for counting recent changes); a driver finds all the
// matches through indexes (FTS5 trigrams over titles, or over customers' names and emails,
// or a stretch of the created_at index for the Created range, see created-range.ts) and
// knows how many there are, which is both the count and what picks the plan.
import type { ListFilters } from '../../../src/lib/contract.ts'
import { customerNeedle, titleNeedle } from '../sort-keys.ts'
import { createdRange, withCreatedRange } from './created-range.ts'
import { numberOf, type Database, type Params } from './database.ts'

export type Condition = { sql: string; params: Params }

export type Driver = Condition & {
  /** How many conversations it finds: exact. */
  size: number
  /** The index that serves it (forced: there are no statistics to guide the planner). */
  indexedBy: string
}

export type Filter = {
  test: Condition
  driver: Driver | null
  /**
   * The Created range (alone, or with the other filters' sets): how many entries its
   * stretch of the created_at index holds. That stretch, walked, is the list by created_at.
   */
  stretch?: number
  /** A filter no index serves: the share of rows it keeps in a sample, for the planner. */
  share?: number
}

/** FTS5's trigram index answers substrings of three characters or more. */
export const trigramPhrase = (needle: string) =>
  Array.from(needle).length >= 3 ? `"${needle.replaceAll('"', '""')}"` : null

// Rows read to estimate how common a one- or two-letter title needle is (~0.3 ms).
const SAMPLE_ROWS = 2000

/** The share of a sample of rows whose title holds the needle; half a row when none does. */
function sampledShare(db: Database, needle: string): number {
  const row = db.get(
    `SELECT count(*) AS n, sum(instr(title_key, ?) > 0) AS hits
     FROM (SELECT title_key FROM conversations NOT INDEXED LIMIT ${SAMPLE_ROWS})`,
    [needle],
  )
  const sampled = numberOf(row?.n) ?? 0
  return sampled === 0 ? 1 : Math.max(numberOf(row?.hits) ?? 0, 0.5) / sampled
}

function titleFilter(db: Database, needle: string): Filter {
  const test = { sql: 'instr(c.title_key, ?) > 0', params: [needle] }
  const phrase = trigramPhrase(needle)
  if (phrase === null) return { test, driver: null, share: sampledShare(db, needle) }
  const size = db.get('SELECT count(*) AS n FROM title_text WHERE title_text MATCH ?', [phrase])
  return {
    test,
    driver: {
      sql: 'c.rowid IN (SELECT rowid FROM title_text WHERE title_text MATCH ?)',
      params: [phrase],
      size: numberOf(size?.n) ?? 0,
      indexedBy: 'NOT INDEXED',
    },
  }
}

/** Rowids of the customers whose name or email contains the needle (both lower case). */
function customersNamed(needle: string): Condition {
  const phrase = trigramPhrase(needle)
  return phrase
    ? { sql: 'SELECT rowid FROM customer_text WHERE customer_text MATCH ?', params: [phrase] }
    : {
        sql: 'SELECT rowid FROM customers WHERE instr(name_lc, ?) > 0 OR instr(email_lc, ?) > 0',
        params: [needle, needle],
      }
}

const BY_ID = 'INDEXED BY conversations_by_customer_id'
const BY_REF = 'INDEXED BY conversations_by_customer_ref'

/**
 * The customer's id equals the text, or its name or email (when the customer is known)
 * contains it. Each half is counted through its own index (a UNION of 30,000 rowids costs
 * three times as much); the driver is the half that matches, or both.
 */
function customerFilter(db: Database, needle: string): Filter {
  const named = customersNamed(needle)
  const byId = { sql: 'c.customer_id_lc = ?', params: [needle] }
  const byName = { sql: `c.customer_ref IN (${named.sql})`, params: named.params }
  const test = {
    sql: `(${byId.sql} OR ${byName.sql})`,
    params: [...byId.params, ...byName.params],
  }
  const count = (indexedBy: string, where: Condition) =>
    numberOf(
      db.get(
        `SELECT count(*) AS n FROM conversations c ${indexedBy} WHERE ${where.sql}`,
        where.params,
      )?.n,
    ) ?? 0
  const idCount = count(BY_ID, byId)
  const nameCount = count(BY_REF, byName)
  if (idCount === 0) return { test, driver: { ...byName, size: nameCount, indexedBy: BY_REF } }
  if (nameCount === 0) return { test, driver: { ...byId, size: idCount, indexedBy: BY_ID } }
  const both = count(BY_ID, { sql: `${byId.sql} AND ${byName.sql}`, params: test.params })
  const union = `SELECT c.rowid FROM conversations c ${BY_ID} WHERE ${byId.sql}
    UNION SELECT c.rowid FROM conversations c ${BY_REF} WHERE ${byName.sql}`
  return {
    test,
    driver: {
      sql: `c.rowid IN (${union})`,
      params: test.params,
      size: idCount + nameCount - both,
      indexedBy: 'NOT INDEXED',
    },
  }
}

export function compileFilters(db: Database, filters: ListFilters): Filter[] {
  const title = titleNeedle(filters.q)
  const customer = customerNeedle(filters.customer)
  const created = createdRange(filters)
  const others = [
    ...(title ? [titleFilter(db, title)] : []),
    ...(customer ? [customerFilter(db, customer)] : []),
  ]
  return created ? withCreatedRange(db, others, created) : others
}

/** Every filter's row test joined with AND ('1' when there is none). */
export function rowTests(filters: readonly Filter[]): Condition {
  if (filters.length === 0) return { sql: '1', params: [] }
  return {
    sql: filters.map((filter) => filter.test.sql).join(' AND '),
    params: filters.flatMap((filter) => filter.test.params),
  }
}

/** How many rows the filters keep, as far as their drivers or samples tell (rows if nothing does). */
export function estimatedMatches(filters: readonly Filter[], rows: number): number {
  const driver = smallestDriver(filters)
  if (driver) return driver.size
  return Math.ceil(filters.reduce((kept, filter) => kept * (filter.share ?? 1), rows))
}

/** The driver that finds the fewest rows, if any filter has one. */
export function smallestDriver(filters: readonly Filter[]): Driver | null {
  let best: Driver | null = null
  for (const { driver } of filters) if (driver && (!best || driver.size < best.size)) best = driver
  return best
}
