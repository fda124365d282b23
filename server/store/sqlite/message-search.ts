// The message search on SQLite, in its three forms. The index (FTS5, message_text) finds
// every matching message: exact, but its cost grows with the matches, and a prefix is
// gathered whole before the first row comes out (FTS5 cannot step through it lazily).
// A check reads one conversation's messages and tests them in JavaScript: a constant
// cost per conversation, which is what walking the list in its order needs. And words
// before the last, looked up exactly, step lazily: when they are in few messages, those
// few are read and checked, and the matches are known at once.
import { messageMatches, type TextQuery } from '../message-words.ts'
import { numberOf, textOf, type Database } from './database.ts'
import type { Filter } from './filters.ts'
import { RANGE, SPAN } from './write-messages.ts'

const phrase = (word: string) => `"${word}"`

// A prefix of fewer characters stands for too many words to list them first.
const MIN_LISTED_PREFIX = 3
const MAX_LISTED_WORDS = 64

/** The least string above every string that begins with `prefix` (UTF-8 order is code point order). */
function pastPrefix(prefix: string): string | null {
  const chars = Array.from(prefix)
  const last = chars.pop()?.codePointAt(0) ?? 0
  if (last === 0x10ffff) return null
  return chars.join('') + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1)
}

/**
 * The FTS5 query: every word, the last also as a prefix (a word never holds a quote); null
 * when no indexed word begins with the last, so nothing matches. FTS5 gathers a prefix's
 * matches into memory before the first row, four times slower per match than reading the
 * words it stands for one after the other: so the words are listed first (message_words
 * reads each one's matches to count them, cheaply), unless the prefix is short.
 */
export function matchQuery(db: Database, query: TextQuery): string | null {
  const exact = query.words.map(phrase)
  const past = pastPrefix(query.prefix)
  if (Array.from(query.prefix).length < MIN_LISTED_PREFIX || past === null)
    return [...exact, `${phrase(query.prefix)}*`].join(' AND ')
  const listed = db
    .all('SELECT term FROM message_words WHERE term >= ? AND term < ? LIMIT ?', [
      query.prefix,
      past,
      MAX_LISTED_WORDS + 1,
    ])
    .map((row) => phrase(textOf(row.term) ?? ''))
  if (listed.length === 0) return null
  const last =
    listed.length > MAX_LISTED_WORDS ? `${phrase(query.prefix)}*` : `(${listed.join(' OR ')})`
  return [...exact, last].join(' AND ')
}

/** The content of the conversation's first message (by position) that matches; null if none. */
export function firstMatch(db: Database, rowid: number, query: TextQuery): string | null {
  const rows = db.all(`SELECT content FROM messages WHERE rowid ${RANGE} ORDER BY rowid`, [
    rowid,
    rowid,
  ])
  for (const row of rows) {
    const content = textOf(row.content)
    if (messageMatches(content, query)) return content
  }
  return null
}

/**
 * The conversations (rowids) with a matching message when the words before the last are
 * in at most `limit` messages, each of which is then read and checked; null when they are
 * in more, or the query is one word (a prefix alone has no cheap lookup).
 */
export function fewMatches(db: Database, query: TextQuery, limit: number): number[] | null {
  if (query.words.length === 0) return null
  const match = query.words.map(phrase).join(' AND ')
  // Their rowids first: when there are too many, no message is read for nothing.
  const rowids = db.all('SELECT rowid FROM message_text WHERE message_text MATCH ? LIMIT ?', [
    match,
    limit + 1,
  ])
  if (rowids.length > limit) return null
  const found = new Set<number>()
  const rows = db.all(
    `SELECT m.rowid AS rowid, m.content AS content
     FROM message_text CROSS JOIN messages m ON m.rowid = message_text.rowid
     WHERE message_text MATCH ?`,
    [match],
  )
  for (const row of rows) {
    if (messageMatches(textOf(row.content), query))
      found.add(Math.floor((numberOf(row.rowid) ?? 0) / SPAN))
  }
  return [...found]
}

/** How many conversations have a matching message, through the index. */
export function countMatching(db: Database, query: TextQuery): number {
  const match = matchQuery(db, query)
  if (match === null) return 0
  const row = db.get(
    'SELECT count(DISTINCT rowid >> 20) AS n FROM message_text WHERE message_text MATCH ?',
    [match],
  )
  return numberOf(row?.n) ?? 0
}

/**
 * The search as a filter of the list: over known conversations (from fewMatches), or over
 * the index (SQLite gathers the matching conversations once per statement). `size` is how
 * many it keeps, or an upper bound the caller knows (the index's count costs a pass).
 */
export function textFilter(
  db: Database,
  query: TextQuery,
  few: number[] | null,
  size: number,
): Filter {
  const match = few === null ? matchQuery(db, query) : null
  const condition =
    few !== null
      ? { sql: 'c.rowid IN (SELECT value FROM json_each(?))', params: [JSON.stringify(few)] }
      : match === null
        ? { sql: '0', params: [] }
        : {
            sql: 'c.rowid IN (SELECT rowid >> 20 FROM message_text WHERE message_text MATCH ?)',
            params: [match],
          }
  return {
    test: condition,
    driver: {
      ...condition,
      size: few?.length ?? (match === null ? 0 : size),
      indexedBy: 'NOT INDEXED',
    },
  }
}
