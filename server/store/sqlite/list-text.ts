// A page of a message search, and its count, by the cheapest of three plans (see
// message-search.ts for the three forms of the search):
// - few: the words before the last are in few messages; their conversations are known
//   at once and paged like any other filter's matches.
// - check: walk the list in its order (other filters applied) and check each
//   conversation's messages (~70 µs each at 20,000,000 messages), stopping at the page's
//   end: cheap when matches are dense. It stops early when matches turn out sparse, so a
//   rare word costs ~15 ms here rather than a walk through the whole list.
// - index: matches are sparse; the index gathers them and SQLite pages them like any
//   filter's, walking the sort index testing membership, or sorting them when very few.
//   What the walk saw (how many it found of how many it checked) estimates how many.
import type { ListQuery } from '../store.ts'
import type { TextQuery } from '../message-words.ts'
import { numberOf, type Database } from './database.ts'
import { countSelect, orderedSelects, pageRowids, type Plan, type Select } from './list-plan.ts'
import { rowTests, smallestDriver, type Filter } from './filters.ts'
import { countMatching, fewMatches, firstMatch, textFilter } from './message-search.ts'

/** Which plan a test wants; by default the planner chooses. */
export type ListOptions = { plan?: Plan['kind']; text?: 'check' | 'index' }

// Measured at 20,000,000 messages (npm run bench:messages): reading a few thousand
// messages by rowid and checking them costs less than a page walk through sparse matches.
const FEW_MESSAGES = 2000
// A walk checks this many conversations before judging how sparse matches are, then goes
// on only while the page's end is, at the rate found so far, within MAX_WALK conversations
// (~60 ms for a first page). Below that rate (~1 in 45) gathering every match through the
// index and walking the sort index testing membership is the cheaper way to a page: its
// cost grows with the messages of the words, ~0.1 µs each (npm run bench:messages).
const MIN_WALK = 200
const MAX_WALK = (end: number) => 100 + 40 * end
// A count over at most this many conversations (of another filter) checks each of them,
// rather than gathering every match of a common word through the index.
const CHECK_LIMIT = 3000

const count = (db: Database, select: Select | number) =>
  typeof select === 'number' ? select : (numberOf(db.get(select.sql, select.params)?.n) ?? 0)

const maxRowid = (db: Database) =>
  numberOf(db.get('SELECT max(rowid) AS n FROM conversations')?.n) ?? 0

/**
 * Checks conversations in the list's order until `end` match, or the rate of matches says
 * the walk would go past its budget. `complete`: the list ended first, so `found` is every
 * match.
 */
function walkChecking(
  db: Database,
  query: ListQuery,
  filters: readonly Filter[],
  text: TextQuery,
  { end, limited }: { end: number; limited: boolean },
) {
  const found: number[] = []
  let checked = 0
  const rows = maxRowid(db)
  const budget = MAX_WALK(end)
  for (const select of orderedSelects('c.rowid', query.sort, filters, { end: budget, rows })) {
    for (const row of db.iterate(select.sql, select.params)) {
      if (limited && checked >= MIN_WALK && end * checked > budget * (found.length + 1))
        return { found, checked, complete: false, done: false }
      checked++
      const rowid = numberOf(row.rowid) ?? 0
      if (firstMatch(db, rowid, text) !== null) found.push(rowid)
      if (found.length === end) return { found, checked, complete: false, done: true }
    }
  }
  return { found, checked, complete: true, done: true }
}

/** One page of a search: its rowids, and the count when the plan learnt it on the way. */
export function searchPage(
  db: Database,
  query: ListQuery,
  filters: readonly Filter[],
  text: TextQuery,
  options: ListOptions,
): { rowids: number[]; total: number | null } {
  const offset = (query.page - 1) * query.limit
  const end = offset + query.limit
  const few = options.text ? null : fewMatches(db, text, FEW_MESSAGES)
  let estimate = maxRowid(db)
  if (few === null && options.text !== 'index') {
    const walked = walkChecking(db, query, filters, text, { end, limited: !options.text })
    if (walked.done) {
      return {
        rowids: walked.found.slice(offset, end),
        total: walked.complete ? walked.found.length : null,
      }
    }
    // Matches are rarer than one in `checked` / `found`: bound how many there are.
    estimate = Math.ceil((estimate * (walked.found.length + 1)) / walked.checked)
  }
  const all = [...filters, textFilter(db, text, few, estimate)]
  const total = few === null ? null : count(db, countSelect(all))
  if (total !== null && offset >= total) return { rowids: [], total }
  return { rowids: pageRowids(db, query, all, total, options.plan), total }
}

/** Counts the conversations of a search that also match `filters`. */
export function countSearch(db: Database, filters: readonly Filter[], text: TextQuery): number {
  const few = fewMatches(db, text, FEW_MESSAGES)
  if (few !== null) return count(db, countSelect([...filters, textFilter(db, text, few, 0)]))
  if (filters.length === 0) return countMatching(db, text)
  const driver = smallestDriver(filters)
  if (driver && driver.size <= CHECK_LIMIT) {
    const others = rowTests(filters.filter((filter) => filter.driver !== driver))
    return countChecking(db, text, {
      sql: `SELECT c.rowid FROM conversations c ${driver.indexedBy} WHERE ${driver.sql} AND ${others.sql}`,
      params: [...driver.params, ...others.params],
    })
  }
  return count(db, countSelect([...filters, textFilter(db, text, null, maxRowid(db))]))
}

/** How many of the conversations `select` reads have a matching message, checking each. */
function countChecking(db: Database, text: TextQuery, select: Select): number {
  let matches = 0
  for (const row of db.iterate(select.sql, select.params))
    if (firstMatch(db, numberOf(row.rowid) ?? 0, text) !== null) matches++
  return matches
}

/**
 * How many conversations changed after `version` match the filters and the search. Few
 * change between two looks of a page: each is checked; past CHECK_LIMIT the index answers.
 */
export function countChangedSearch(
  db: Database,
  filters: readonly Filter[],
  text: TextQuery,
  version: number,
): number {
  const tests = rowTests(filters)
  const changed = `FROM conversations c INDEXED BY conversations_by_change
    WHERE c.changed_seq > ? AND ${tests.sql}`
  const params = [version, ...tests.params]
  const candidates = count(db, { sql: `SELECT count(*) AS n ${changed}`, params })
  if (candidates === 0) return 0
  if (candidates <= CHECK_LIMIT)
    return countChecking(db, text, { sql: `SELECT c.rowid ${changed}`, params })
  const search = textFilter(db, text, fewMatches(db, text, FEW_MESSAGES), candidates).test
  return count(db, {
    sql: `SELECT count(*) AS n ${changed} AND ${search.sql}`,
    params: [...params, ...search.params],
  })
}
