// The server's message search, redone in the browser to mark it in a transcript: the same
// fold (NFD, no combining marks, lower case) and the same words (runs of letters and
// digits, as SQLite's unicode61 tokenizer reads them); a message matches when it holds
// every word, the last one also as the beginning of a longer word.

/** [start, end) offsets in UTF-16 code units of the original text. */
export type Range = readonly [number, number]

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
const WORD = /[\p{L}\p{N}\p{Co}]+/gu
/** Combining marks right after a position (sticky: read from `lastIndex`). */
const TRAILING_MARKS = /\p{M}*/uy

/** The words of a search, folded; empty when there is nothing to look for. */
export function searchWords(text: string): string[] {
  return fold(text).match(WORD) ?? []
}

type Token = { word: string; start: number; end: number }

const tokensOf = (folded: string): Token[] =>
  Array.from(folded.matchAll(WORD), (match) => ({
    word: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }))

/** Where each searched word is in `folded` (the last as a prefix), or null if one is missing. */
function foldedRanges(folded: string, words: readonly string[]): Range[] | null {
  const prefix = words.at(-1)
  if (prefix === undefined) return null
  const whole = new Set(words.slice(0, -1))
  const foundWhole = new Set<string>()
  let foundPrefix = false
  const ranges: Range[] = []
  for (const { word, start, end } of tokensOf(folded)) {
    const isWhole = whole.has(word)
    const isPrefix = word.startsWith(prefix)
    if (isWhole) foundWhole.add(word)
    if (isPrefix) foundPrefix = true
    if (isWhole || isPrefix) ranges.push([start, isWhole ? end : start + prefix.length])
  }
  return foundPrefix && foundWhole.size === whole.size ? ranges : null
}

/**
 * The original text folded one code point at a time, with the original range each folded
 * code unit came from, so a match found in the folded text can be marked in the original.
 */
function foldWithOrigins(original: string) {
  let folded = ''
  const starts: number[] = []
  const ends: number[] = []
  let at = 0
  for (const char of original) {
    const piece = fold(char)
    for (let i = 0; i < piece.length; i++) {
      starts.push(at)
      ends.push(at + char.length)
    }
    folded += piece
    at += char.length
  }
  // Folding the whole text sees context one character does not (a Greek final sigma);
  // it is what the server compares, so it wins whenever it lines up unit for unit.
  const whole = fold(original)
  return { folded: whole.length === folded.length ? whole : folded, starts, ends }
}

/**
 * The ranges of `content` to mark for the search `words`, or null when the message does
 * not match (it lacks one of the words). A match's combining accents are marked with it.
 */
export function matchRanges(content: string, words: readonly string[]): Range[] | null {
  if (words.length === 0 || foldedRanges(fold(content), words) === null) return null
  const { folded, starts, ends } = foldWithOrigins(content)
  const ranges = foldedRanges(folded, words)
  if (ranges === null) return null
  return ranges.flatMap(([from, to]) => {
    const start = starts[from]
    const end = ends[to - 1]
    if (start === undefined || end === undefined) return []
    TRAILING_MARKS.lastIndex = end
    TRAILING_MARKS.exec(content)
    return [[start, TRAILING_MARKS.lastIndex] as const]
  })
}
