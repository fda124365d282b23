// The list's reads, as on SQLite (sqlite/list-queries.ts): one page and its count, the
// whole set for an export, and how many conversations of a view changed since a version.
// See list-plan.ts for the order, filters.ts for the filters.
import type { ConversationRow, ListFilters } from '../../../src/lib/contract.ts'
import { snippetOf } from '../message-excerpts.ts'
import type { TextQuery } from '../message-words.ts'
import type { ExportQuery, ListQuery } from '../store.ts'
import type { Database, Db } from './database.ts'
import { allOf, compileFilters, type Condition } from './filters.ts'
import { countWhere, orderedSelects, pageKeys, type Plan } from './list-plan.ts'
import { hitsOf, IN_HITS, searchPage } from './list-search.ts'
import { messageMatch } from './message-index.ts'
import { CONVERSATION_COLUMNS, numberOf, textOf, toConversationRow } from './rows.ts'

const EXPORT_BATCH = 1000

/** The rows of a page in its order, each with a snippet of its first matching message under a search. */
async function rowsOf(
  db: Db,
  keys: readonly number[],
  text: TextQuery | null,
): Promise<ConversationRow[]> {
  if (keys.length === 0) return []
  const match: Condition = text ? messageMatch(text) : { sql: 'false', params: [] }
  const rows = await db.all(
    `SELECT c.key, ${CONVERSATION_COLUMNS},
       (SELECT m.content FROM mirror_messages m WHERE m.conversation = c.key AND ${match.sql}
        ORDER BY m.position LIMIT 1) AS match_content
     FROM mirror_conversations c WHERE c.key = ANY(?::int8[])`,
    [...match.params, keys],
  )
  const byKey = new Map(rows.map((row) => [numberOf(row.key), row]))
  return keys.flatMap((key) => {
    const row = byKey.get(key)
    if (!row) return []
    if (!text) return [toConversationRow(row)]
    const content = textOf(row.match_content)
    return [{ ...toConversationRow(row), snippet: content ? snippetOf(content, text) : null }]
  })
}

export async function getConversation(db: Db, id: string): Promise<ConversationRow | null> {
  const row = await db.get(
    `SELECT ${CONVERSATION_COLUMNS} FROM mirror_conversations c WHERE c.id = ?`,
    [id],
  )
  return row ? toConversationRow(row) : null
}

/**
 * Page `page` (from 1) of the matches in the list's order, and how many match in all.
 * `plan` overrides the planner (tests check every plan gives the same answer).
 */
export async function listConversations(
  db: Db,
  query: ListQuery & { withoutTotal?: boolean },
  plan?: Plan,
): Promise<{ rows: ConversationRow[]; total: number | null }> {
  const { filter, others, text, rangeOnly } = await compileFilters(db, query)
  const parts = filter?.parts ?? null
  if (text) {
    const found = await searchPage(db, query, others, text, plan)
    const total = query.withoutTotal ? null : (found.total ?? (await countWhere(db, parts)))
    return { rows: await rowsOf(db, found.keys, text), total }
  }
  // Counted also when not asked for: the count is what chooses the plan.
  const total = await countWhere(db, parts)
  const offset = (query.page - 1) * query.limit
  const keys = offset >= total ? [] : await pageKeys(db, query, filter, { total, rangeOnly }, plan)
  return { rows: await rowsOf(db, keys, null), total: query.withoutTotal ? null : total }
}

/** The exact number of conversations matching the filters. */
export async function countConversations(db: Db, filters: ListFilters): Promise<number> {
  return countWhere(db, (await compileFilters(db, filters)).filter?.parts ?? null)
}

/** How many conversations matching the filters are new or changed after `version`. */
export async function countChangedSince(
  db: Db,
  filters: ListFilters,
  version: number,
): Promise<number> {
  const { filter } = await compileFilters(db, filters)
  const changed = { sql: 'c.changed_seq > ?::int8', params: [version] }
  return countWhere(
    db,
    filter ? filter.parts.map((part) => allOf([changed, part]) ?? part) : [changed],
  )
}

/**
 * The whole matching set in the list's order, in batches, through cursors in one snapshot
 * (a connection of its own): memory stays flat however many rows match, and the export
 * is one state of the mirror however long it takes.
 */
export async function* exportConversations(
  db: Database,
  query: ExportQuery,
): AsyncGenerator<ConversationRow[], void, undefined> {
  const reader = await db.snapshot()
  try {
    const { others, text } = await compileFilters(reader, query)
    // A search's matches are gathered once through the index, not checked row by row.
    const hits = text ? hitsOf(text) : null
    const selects = hits
      ? orderedSelects(
          CONVERSATION_COLUMNS,
          query.sort,
          allOf([IN_HITS, ...(others ? [others] : [])]),
          {
            sql: `WITH ${hits.sql}`,
            params: hits.params,
          },
        )
      : orderedSelects(CONVERSATION_COLUMNS, query.sort, others)
    let batch: ConversationRow[] = []
    for (const [i, select] of selects.entries()) {
      const cursor = `mirror_export_${i}`
      await reader.run(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${select.sql}`, select.params)
      for (;;) {
        const wanted = EXPORT_BATCH - batch.length
        const rows = await reader.all(`FETCH ${wanted} FROM ${cursor}`)
        batch.push(...rows.map(toConversationRow))
        if (batch.length === EXPORT_BATCH) {
          yield batch
          batch = []
        }
        if (rows.length < wanted) break
      }
      await reader.run(`CLOSE ${cursor}`)
    }
    if (batch.length > 0) yield batch
  } finally {
    await reader.end()
  }
}
