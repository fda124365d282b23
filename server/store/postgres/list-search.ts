// A page of a message search, by the cheaper of two plans, as on SQLite (sqlite/list-text.ts):
// - check: walk the list in its order (the other filters applied) checking each
//   conversation's messages, stopping at the page's end: cheap when matches are dense.
//   It walks at most a budget of conversations, so a rare word costs a few milliseconds
//   here rather than a walk through every conversation and its messages.
// - gather: matches are sparse; the full-text index gathers the conversations with a
//   matching message, each is looked up by its key, and those the other filters keep are
//   sorted.
// PostgreSQL's planner would choose between the two alone, but its estimate of how many
// messages hold a word it has no statistics for is a guess, and a wrong walk reads every
// message of the mirror.
import type { TextQuery } from '../message-words.ts'
import type { ListQuery } from '../store.ts'
import type { Db } from './database.ts'
import type { Condition } from './filters.ts'
import { keysOf, lookedUpSelect, orderedSelects, type Plan } from './list-plan.ts'
import { messageMatch } from './message-index.ts'
import { numberOf } from './rows.ts'

// The walk's budget for a page ending at row `end`: past it, matches are rarer than one
// in ~40, and gathering them costs less (the same budget as SQLite's).
const WALK_BUDGET = (end: number) => 100 + 40 * end
const FIRST_WALK = (end: number) => 50 + 4 * end

/** The conversations with a matching message, as a named subquery (WITH hits AS …). */
export function hitsOf(text: TextQuery): Condition {
  const match = messageMatch(text)
  return {
    sql: `hits AS MATERIALIZED (SELECT DISTINCT m.conversation AS key FROM mirror_messages m WHERE ${match.sql})`,
    params: match.params,
  }
}

export const IN_HITS: Condition = { sql: 'c.key IN (SELECT key FROM hits)', params: [] }

/**
 * Walks the list checking each conversation, `limit` at most; the matches found and
 * whether the list ended first. The check is a scalar subquery, not EXISTS, which
 * PostgreSQL may turn into gathering every match of the words first (its estimate of a
 * word it has no statistics for is a guess): that is the other plan, chosen below.
 */
async function walk(
  db: Db,
  query: ListQuery,
  others: Condition | null,
  text: TextQuery,
  limit: number,
) {
  const match = messageMatch(text)
  const check = {
    sql: `c.key, (SELECT true FROM mirror_messages m WHERE m.conversation = c.key AND ${match.sql}
      LIMIT 1) AS hit`,
    params: match.params,
  }
  let left = limit
  const found: number[] = []
  for (const select of orderedSelects(check, query.sort, others)) {
    if (left === 0) break
    const rows = await db.all(`${select.sql} LIMIT ?`, [...select.params, left])
    for (const row of rows) if (row.hit === true) found.push(numberOf(row.key) ?? 0)
    left -= rows.length
  }
  return { found, ended: left > 0 }
}

/** The keys of one page, and the count when the walk learnt it (it reached the list's end). */
export async function searchPage(
  db: Db,
  query: ListQuery,
  others: Condition | null,
  text: TextQuery,
  plan?: Plan,
): Promise<{ keys: number[]; total: number | null }> {
  const offset = (query.page - 1) * query.limit
  const end = offset + query.limit
  const budget = plan === undefined ? WALK_BUDGET(end) : plan === 'walk' ? 2 ** 31 - 1 : 0
  // A short walk first: dense matches fill the page in a few conversations.
  for (const limit of new Set([Math.min(budget, FIRST_WALK(end)), budget])) {
    if (limit === 0) break
    const { found, ended } = await walk(db, query, others, text, limit)
    const keys = found.slice(offset, end)
    if (ended) return { keys, total: found.length }
    if (found.length >= end) return { keys, total: null }
  }
  const gathered = lookedUpSelect(query.sort, { name: 'hits', with: hitsOf(text) }, others)
  return { keys: await keysOf(db, gathered, query.limit, offset), total: null }
}
