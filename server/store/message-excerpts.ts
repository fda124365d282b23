// The pieces of a message the list shows: the first line of a conversation's last message,
// and, under a message search, a snippet of a matching message with the words found. Both
// are plain text cut from the original (accents and case as written); markup stays text.
import type { ConversationRow } from '../../src/lib/contract.ts'
import { foldWords, WORD, type TextQuery } from './message-words.ts'

export type Snippet = NonNullable<ConversationRow['snippet']>

const FIRST_LINE_LENGTH = 200
const SNIPPET_LENGTH = 160
// How much of the text before the first match a snippet keeps, when it must cut.
const CONTEXT_BEFORE = 40
// How far a cut looks for a space before it cuts inside a word (scripts without spaces).
const WORD_REACH = 24

const isSpace = (text: string, at: number) => /\s/.test(text.charAt(at))
const isLowSurrogate = (text: string, at: number) => /[\uDC00-\uDFFF]/.test(text.charAt(at))

/** Cuts `text` to `length` UTF-16 units at most, never inside a character, "…" when cut. */
function cut(text: string, length: number): string {
  if (text.length <= length) return text
  const end = isLowSurrogate(text, length) ? length - 1 : length
  return `${text.slice(0, end).trimEnd()}…`
}

/** The first line holding anything but spaces, trimmed and at most ~200 characters. */
export function firstLine(content: string | null | undefined): string {
  const line = (content ?? '').split(/\r\n|\r|\n/).find((part) => part.trim()) ?? ''
  return cut(line.trim(), FIRST_LINE_LENGTH)
}

/** Folds one character; ASCII, most of any message, without the cost of normalizing. */
const foldChar = (char: string) =>
  char.length === 1 && char.charCodeAt(0) < 0x80 ? char.toLowerCase() : foldWords(char)

/** How much of a word the query found: all of a whole word, the typed part of a prefix. */
const matchedLength = (word: string, query: TextQuery) =>
  query.words.includes(word) ? word.length : word.startsWith(query.prefix) ? query.prefix.length : 0

/**
 * Where the words the query looks for are in the original text, as [start, end) UTF-16
 * offsets. The text is folded one character at a time, remembering which character gave
 * each folded unit, so a word found in the folded text maps back to what was written; an
 * accent written as a combining mark after the last letter found belongs to it. Of a word
 * the last typed word begins, only that beginning is marked ("refu" in "refunds", "退款" in
 * "退款好": a script without spaces makes long words).
 */
export function findQueryWords(content: string, query: TextQuery): [number, number][] {
  let folded = ''
  // For each folded unit: where the character that gave it starts and ends in `content`.
  const from: number[] = []
  const to: number[] = []
  let offset = 0
  for (const char of content) {
    const piece = foldChar(char)
    folded += piece
    for (let i = 0; i < piece.length; i++) {
      from.push(offset)
      to.push(offset + char.length)
    }
    offset += char.length
  }
  const found: [number, number][] = []
  for (const match of folded.matchAll(WORD)) {
    const length = matchedLength(match[0], query)
    if (length === 0) continue
    const start = from[match.index] ?? 0
    let end = to[match.index + length - 1] ?? start
    while (end < content.length && /\p{M}/u.test(content.charAt(end))) end++
    found.push([start, end])
  }
  return found
}

/** Moves a snippet's start forward to the beginning of a word, not past `limit`. */
function wordStart(text: string, start: number, limit: number): number {
  let at = start
  if (at > 0 && !isSpace(text, at - 1)) {
    const space = text.slice(at, Math.min(limit, at + WORD_REACH)).search(/\s/)
    if (space >= 0) at += space
  }
  while (at < limit && isSpace(text, at)) at++
  return isLowSurrogate(text, at) ? at + 1 : at
}

/** Moves a snippet's end back to the end of a word, not before `limit`. */
function wordEnd(text: string, end: number, limit: number): number {
  let at = end
  if (at < text.length && !isSpace(text, at)) {
    const before = text.slice(Math.max(limit, at - WORD_REACH), at)
    const space = before.search(/\s\S*$/)
    if (space >= 0) at -= before.length - space
  }
  while (at > limit && isSpace(text, at - 1)) at--
  return isLowSurrogate(text, at) ? at - 1 : at
}

/**
 * About 160 characters of the message around the first word found, cut at word
 * boundaries ("…" where cut), white space as single spaces, and where each word found
 * is in that text ([start, end) UTF-16 offsets) for <mark>.
 */
export function snippetOf(content: string, query: TextQuery): Snippet {
  const found = findQueryWords(content, query)
  const [first, firstEnd] = found[0] ?? [0, 0]
  let start = 0
  let end = content.length
  if (content.length > SNIPPET_LENGTH) {
    start = Math.max(0, Math.min(first - CONTEXT_BEFORE, content.length - SNIPPET_LENGTH))
    start = wordStart(content, start, first)
    end = wordEnd(content, Math.max(start + SNIPPET_LENGTH, firstEnd), firstEnd)
  }
  while (start < first && isSpace(content, start)) start++
  while (end > firstEnd && isSpace(content, end - 1)) end--
  const lead = start > 0 ? '…' : ''
  const text = `${lead}${content.slice(start, end).replace(/\s/g, ' ')}${end < content.length ? '…' : ''}`
  const shift = lead.length - start
  return {
    text,
    marks: found
      .filter(([from, to]) => from >= start && to <= end)
      .map(([from, to]) => [from + shift, to + shift]),
  }
}
