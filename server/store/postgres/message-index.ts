// What the full-text index holds for a message, and how a search asks it. A message's
// folded words (message-words.ts) become a tsvector through array_to_tsvector, which takes
// them as they are: no parser or dictionary of PostgreSQL's splits, drops or folds them
// otherwise, so a search finds on PostgreSQL exactly what it finds on SQLite. Words a
// tsvector cannot hold (one over 2047 bytes, or ~1 MB of them: rare, a pasted blob) stay
// text in `overflow` and are searched there, word for word, without the index.
import { wordsOf, type TextQuery } from '../message-words.ts'

// PostgreSQL's limits of a lexeme (MAXSTRLEN) and of a tsvector's lexemes (MAXSTRPOS).
const MAX_LEXEME_BYTES = 2047
const MAX_TSVECTOR_BYTES = 1_000_000

const bytes = (text: string) => Buffer.byteLength(text, 'utf8')

/** A message's index columns: its distinct words, space-separated, for one or the other. */
export function indexColumns(content: string | null | undefined): {
  words: string | null
  overflow: string | null
} {
  const words = [...new Set(content ? wordsOf(content) : [])]
  if (words.length === 0) return { words: null, overflow: null }
  const sizes = words.map(bytes)
  const fits =
    sizes.every((size) => size <= MAX_LEXEME_BYTES) &&
    sizes.reduce((sum, size) => sum + size, 0) <= MAX_TSVECTOR_BYTES
  return fits
    ? { words: words.join(' '), overflow: null }
    : { words: null, overflow: words.join(' ') }
}

/** SQL building a message's tsvector from the value of `words` (NULL stays NULL). */
export const tsvectorOf = (words: string) => `array_to_tsvector(string_to_array(${words}, ' '))`

export type Condition = { sql: string; params: readonly unknown[] }

// A lexeme in tsquery's input syntax, taken as it is (quotes and backslashes escaped).
const lexeme = (word: string) => `'${word.replace(/['\\]/g, '\\$&')}'`

/**
 * The condition on a message `m` that holds every word of the query, the last also as a
 * prefix: through the index, or in the overflow text (a tsquery cannot hold a word over
 * 2047 bytes either; only overflow text can then match).
 */
export function messageMatch(query: TextQuery): Condition {
  const terms = [...query.words, query.prefix]
  const overflow: Condition = {
    sql: `(m.overflow IS NOT NULL AND ${[
      ...query.words.map(() => `strpos(' ' || m.overflow || ' ', ?) > 0`),
      `strpos(' ' || m.overflow, ?) > 0`,
    ].join(' AND ')})`,
    params: [...query.words.map((word) => ` ${word} `), ` ${query.prefix}`],
  }
  if (terms.some((term) => bytes(term) > MAX_LEXEME_BYTES)) return overflow
  const tsquery = [...query.words.map(lexeme), `${lexeme(query.prefix)}:*`].join(' & ')
  return {
    sql: `(m.words @@ ?::tsquery OR ${overflow.sql})`,
    params: [tsquery, ...overflow.params],
  }
}
