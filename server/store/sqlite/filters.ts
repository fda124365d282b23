// The list's filters as SQL, in two forms each. A row test checks one conversation (used
// while walking a sort index, and for counting recent changes); a driver finds all the
// matches through indexes (FTS5 trigrams over titles, or over customers' names and emails,
// or a stretch of the created_at index for the Created range, see created-range.ts) and
// knows how many there are, which is both the count and what picks the plan.
import type { ListFilters } from '../../../src/lib/contract.ts'
import { customerNeedle, titleNeedle } from '../sort-keys.ts'
import { createdRange, withCreatedRange } from './created-range.ts'
import { numberOf, type Database, type Params } from './database.ts'
import { titlesIndexed } from './title-index.ts'

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

// How common a title needle is, from 20 runs of 100 rows spread over the table (~0.5 ms):
// enough to plan a walk for a common one without counting it, and to see that a needle
// too short for trigrams is rare.
const SAMPLE_RUNS = 20
const SAMPLE_RUN_ROWS = 100

/** The share of sampled rows whose title holds the needle; half a row when none does. */
function sampledShare(db: Database, needle: string): number {
  const last = numberOf(db.get('SELECT max(rowid) AS n FROM conversations')?.n) ?? 0
  const step = Math.max(SAMPLE_RUN_ROWS, Math.floor(last / SAMPLE_RUNS))
  let sampled = 0
  let hits = 0
  for (let start = 1; start <= last; start += step) {
    const row = db.get(
      `SELECT count(*) AS n, sum(instr(title_key, ?) > 0) AS hits FROM conversations
       WHERE rowid BETWEEN ? AND ?`,
      [needle, start, start + SAMPLE_RUN_ROWS - 1],
    )
    sampled += numberOf(row?.n) ?? 0
    hits += numberOf(row?.hits) ?? 0
  }
  return sampled === 0 ? 1 : Math.max(hits, 0.5) / sampled
}

function titleFilter(db: Database, needle: string): Filter {
  const test = { sql: 'instr(c.title_key, ?) > 0', params: [needle] }
  // Sampled only when a page is planned: a count has no use for it.
  let sampled: number | undefined
  const share = () => (sampled ??= sampledShare(db, needle))
  // While a first fill's titles wait for their index, every title is tested instead.
  const phrase = titlesIndexed(db) ? trigramPhrase(needle) : null
  if (phrase === null) {
    return {
      test,
      driver: null,
      get share() {
        return share()
      },
    }
  }
  // Counted only when asked: a common word's count is the dearest part of its first page.
  let size: number | undefined
  const count = () =>
    numberOf(
      db.get('SELECT count(*) AS n FROM title_text WHERE title_text MATCH ?', [phrase])?.n,
    ) ?? 0
  return {
    test,
    get share() {
      return share()
    },
    driver: {
      sql: 'c.rowid IN (SELECT rowid FROM title_text WHERE title_text MATCH ?)',
      params: [phrase],
      get size() {
        return (size ??= count())
      },
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

// A sample finding this many matches is reliable enough to plan by.
export const COMMON_MATCHES = 10_000

/**
 * How many rows the filters keep: a sample's estimate when every filter was sampled and
 * finds them common (planning a walk needs no more), else the smallest driver's exact size,
 * else as few as can be.
 */
export function estimatedMatches(filters: readonly Filter[], rows: number): number {
  const sampled = Math.ceil(filters.reduce((kept, filter) => kept * (filter.share ?? 1), rows))
  const allSampled = filters.length > 0 && filters.every((filter) => filter.share !== undefined)
  if (allSampled && sampled >= COMMON_MATCHES) return sampled
  const driver = smallestDriver(filters)
  if (driver) return driver.size
  // A sample that finds few says little about how few: plan as if one, since walking past
  // every row costs seconds where a scan of the title index costs tens of milliseconds.
  return allSampled ? 1 : sampled
}

/** The driver that finds the fewest rows, if any filter has one. */
export function smallestDriver(filters: readonly Filter[]): Driver | null {
  let best: Driver | null = null
  for (const { driver } of filters) if (driver && (!best || driver.size < best.size)) best = driver
  return best
}
