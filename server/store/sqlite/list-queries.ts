// The list's reads: one page and its count, the whole set for an export, and how many
// conversations of a view changed since a version. See list-plan.ts for the plans.
import type { ConversationRow, ListFilters } from '../../../src/lib/contract.ts'
import type { ExportQuery, ListQuery } from '../store.ts'
import { numberOf, type Database } from './database.ts'
import { compileFilters, rowTests, smallestDriver } from './filters.ts'
import {
  choosePlan,
  countSelect,
  sortSelect,
  walkSelects,
  type Plan,
  type Select,
} from './list-plan.ts'
import { CONVERSATION_COLUMNS, toConversationRow } from './rows.ts'

const EXPORT_BATCH = 1000
// Sorting is SQLite's and may spill to disk; past this many matches walking the sort index
// (testing each row) is preferred, as it holds nothing at all.
const EXPORT_SORT_LIMIT = 50_000

const count = (db: Database, select: Select) => numberOf(db.get(select.sql, select.params)?.n) ?? 0

export function getConversation(db: Database, id: string): ConversationRow | null {
  const row = db.get(`SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = ?`, [id])
  return row ? toConversationRow(row) : null
}

/**
 * Page `page` (from 1) of the matches in the list's order, and how many match in all.
 * `force` overrides the planner's choice (tests check both plans give the same answer).
 */
export function listConversations(db: Database, query: ListQuery, force?: Plan['kind']) {
  const filters = compileFilters(db, query)
  const counted = countSelect(filters)
  const total = typeof counted === 'number' ? counted : count(db, counted)
  const offset = (query.page - 1) * query.limit
  if (total === 0 || offset >= total) return { rows: [], total }
  const rows = numberOf(db.get('SELECT max(rowid) AS n FROM conversations')?.n) ?? total
  const plan = choosePlan(filters, { end: offset + query.limit, matches: total, rows }, force)
  const page = (select: Select, limit: number, skip: number) =>
    db.all(`${select.sql} LIMIT ? OFFSET ?`, [...select.params, limit, skip]).map((r) => r.rowid)
  let rowids
  if (plan.kind === 'sort') {
    rowids = page(sortSelect('c.rowid', query.sort, plan.driver, plan.tests), query.limit, offset)
  } else {
    const walk = walkSelects('c.rowid', query.sort, plan.tests)
    rowids = page(walk.present, query.limit, offset)
    if (rowids.length < query.limit) {
      // The page reaches past the present values: how many there are says where the
      // missing ones start.
      const present = total - count(db, walk.countMissing)
      const skip = Math.max(0, offset - present)
      rowids = rowids.concat(page(walk.missing, query.limit - rowids.length, skip))
    }
  }
  const fetch = `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.rowid = ?`
  return {
    rows: rowids.flatMap((rowid) => {
      const row = db.get(fetch, [rowid ?? null])
      return row ? [toConversationRow(row)] : []
    }),
    total,
  }
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
  const filters = compileFilters(db, query)
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
  const tests = rowTests(compileFilters(db, filters))
  return count(db, {
    sql: `SELECT count(*) AS n FROM conversations c INDEXED BY conversations_by_change
          WHERE c.changed_seq > ? AND ${tests.sql}`,
    params: [version, ...tests.params],
  })
}
