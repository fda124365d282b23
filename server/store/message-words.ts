// What "Search messages" means, the same on every backend: text is folded (compatibility
// forms, accents and case removed) and split into words of letters and digits; a message
// matches when its words hold every word typed, the last one also as a prefix. The index
// is fed these words, never raw text, so the database's tokenizer cannot disagree with
// the JavaScript that checks a message or marks a snippet.

/**
 * Case-, accent- and compatibility-insensitive form of a message: "Crème" → "creme",
 * "ΟΔΟΣ" → "οδοσ" (a final sigma is a sigma), "ｒｅｆｕｎｄ" → "refund". Folding each code
 * point alone gives the same result as folding the whole text, which snippets rely on.
 */
export const foldWords = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replaceAll('ς', 'σ')

/** A word: a run of letters, digits or private-use characters (FTS5 unicode61's token characters). */
export const WORD = /[\p{L}\p{N}\p{Co}]+/gu

export const wordsOf = (text: string): string[] => foldWords(text).match(WORD) ?? []

/** What the full-text index holds for a message: its folded words, space-separated. */
export const indexedWords = (content: string | null | undefined): string =>
  content ? wordsOf(content).join(' ') : ''

/** The words typed: `words` must each be a word of the message, `prefix` begin one. */
export type TextQuery = { words: readonly string[]; prefix: string }

// The search box holds at most 200 characters; past this many words no message matches
// anyway, and each word costs the index a lookup.
const MAX_WORDS = 16

/** The query of a search text; null when it holds no word (no filter). */
export function parseTextQuery(text: string): TextQuery | null {
  const typed = wordsOf(text)
  const prefix = typed.at(-1)
  if (prefix === undefined) return null
  return { words: [...new Set(typed.slice(0, -1))].slice(0, MAX_WORDS - 1), prefix }
}

/** Whether one message holds every word of the query, the last as a prefix. */
export function messageMatches(content: string | null | undefined, query: TextQuery): boolean {
  if (!content) return false
  const folded = foldWords(content)
  // A substring test first: most messages lack a word outright, and it is far cheaper.
  if (!folded.includes(query.prefix) || !query.words.every((word) => folded.includes(word)))
    return false
  const words: readonly string[] = folded.match(WORD) ?? []
  return (
    words.some((word) => word.startsWith(query.prefix)) &&
    query.words.every((word) => words.includes(word))
  )
}
