// The list's reads: one page and its count, the whole set for an export, and how many
// conversations of a view changed since a version. See list-plan.ts for the plans, and
// list-text.ts for those of a message search.
import type { ConversationRow, ListFilters } from '../../../src/lib/contract.ts'
import { snippetOf } from '../message-excerpts.ts'
import { parseTextQuery, type TextQuery } from '../message-words.ts'
import type { ExportQuery, ListQuery } from '../store.ts'
import { numberOf, type Database } from './database.ts'
import { compileFilters, rowTests, smallestDriver, type Filter } from './filters.ts'
import { countSelect, pageRowids, sortSelect, walkSelects, type Select } from './list-plan.ts'
import { countChangedSearch, countSearch, searchPage, type ListOptions } from './list-text.ts'
import { fewMatches, firstMatch, textFilter, countMatching } from './message-search.ts'
import { CONVERSATION_COLUMNS, toConversationRow } from '../store-rows.ts'

const EXPORT_BATCH = 1000
// Sorting is SQLite's and may spill to disk; past this many matches walking the sort index
// (testing each row) is preferred, as it holds nothing at all.
const EXPORT_SORT_LIMIT = 50_000
// An export's search reads every match through the index; past this many messages in the
// words before the last, the exact lookup is no shortcut.
const EXPORT_FEW_MESSAGES = 50_000

const count = (db: Database, select: Select | number) =>
  typeof select === 'number' ? select : (numberOf(db.get(select.sql, select.params)?.n) ?? 0)

const FETCH = `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.rowid = ?`

/** The rows of a page, each with a snippet of its first matching message under a search. */
function rowsOf(
  db: Database,
  rowids: readonly number[],
  text: TextQuery | null,
): ConversationRow[] {
  return rowids.flatMap((rowid) => {
    const row = db.get(FETCH, [rowid])
    if (!row) return []
    if (!text) return [toConversationRow(row)]
    const content = firstMatch(db, rowid, text)
    return [{ ...toConversationRow(row), snippet: content ? snippetOf(content, text) : null }]
  })
}

export function getConversation(db: Database, id: string): ConversationRow | null {
  const row = db.get(`SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = ?`, [id])
  return row ? toConversationRow(row) : null
}

/**
 * Page `page` (from 1) of the matches in the list's order, and how many match in all
 * (null with `withoutTotal`). `options` overrides the planner (tests check every plan
 * gives the same answer).
 */
export function listConversations(
  db: Database,
  query: ListQuery & { withoutTotal?: boolean },
  options: ListOptions = {},
): { rows: ConversationRow[]; total: number | null } {
  const filters = compileFilters(db, query)
  const text = parseTextQuery(query.text)
  if (text) {
    const found = searchPage(db, query, filters, text, options)
    const total = query.withoutTotal ? null : (found.total ?? countSearch(db, filters, text))
    return { rows: rowsOf(db, found.rowids, text), total }
  }
  // Uncounted, the page alone: a filter no index serves would scan every row to count.
  const total = query.withoutTotal ? null : count(db, countSelect(filters))
  const offset = (query.page - 1) * query.limit
  const rowids =
    total === 0 || (total !== null && offset >= total)
      ? []
      : pageRowids(db, query, filters, total, options.plan)
  return { rows: rowsOf(db, rowids, null), total }
}

/** The exact number of conversations matching the filters. */
export function countConversations(db: Database, filters: ListFilters): number {
  const compiled = compileFilters(db, filters)
  const text = parseTextQuery(filters.text)
  return text ? countSearch(db, compiled, text) : count(db, countSelect(compiled))
}

/** The filters of an export: a search's matches gathered once, through the index. */
function exportFilters(db: Database, query: ExportQuery): Filter[] {
  const filters = compileFilters(db, query)
  const text = parseTextQuery(query.text)
  if (!text) return filters
  const few = fewMatches(db, text, EXPORT_FEW_MESSAGES)
  return [...filters, textFilter(db, text, few, few === null ? countMatching(db, text) : 0)]
}

/**
 * The whole matching set in the list's order, in batches, stepping statements row by row
 * so memory stays flat however many rows match. `db` should be a connection of its own
 * inside a read transaction, so the export is one snapshot however long it takes.
 */
export function* exportConversations(
  db: Database,
  query: ExportQuery,
): Generator<ConversationRow[], void, undefined> {
  const filters = exportFilters(db, query)
  const driver = smallestDriver(filters)
  const walk = walkSelects(CONVERSATION_COLUMNS, query.sort, rowTests(filters))
  const others = rowTests(filters.filter((filter) => filter.driver !== driver))
  const selects =
    driver && driver.size <= EXPORT_SORT_LIMIT
      ? [sortSelect(CONVERSATION_COLUMNS, query.sort, driver, others)]
      : [walk.present, walk.missing]
  let batch: ConversationRow[] = []
  for (const select of selects) {
    for (const row of db.iterate(select.sql, select.params)) {
      batch.push(toConversationRow(row))
      if (batch.length === EXPORT_BATCH) {
        yield batch
        batch = []
      }
    }
  }
  if (batch.length > 0) yield batch
}

/** How many conversations matching the filters are new or changed after `version`. */
export function countChangedSince(db: Database, filters: ListFilters, version: number): number {
  const compiled = compileFilters(db, filters)
  const text = parseTextQuery(filters.text)
  if (text) return countChangedSearch(db, compiled, text, version)
  const tests = rowTests(compiled)
  return count(db, {
    sql: `SELECT count(*) AS n FROM conversations c INDEXED BY conversations_by_change
          WHERE c.changed_seq > ? AND ${tests.sql}`,
    params: [version, ...tests.params],
  })
}
