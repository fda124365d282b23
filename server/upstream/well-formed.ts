// Strings from perform.chat as UTF-8 can hold them. JSON may escape half of a surrogate
// pair alone (`"\udc00"`), and JSON.parse keeps it; SQLite and PostgreSQL then store U+FFFD
// in its place, so the value read back would differ from the one written on every pass
// (a conversation "changed" each time, an id never found again). Raw bytes cannot carry a
// lone surrogate (decoding already replaced it), so only an escaped one needs the walk.

const ESCAPED_SURROGATE = /\\u[dD][89a-fA-F]/

/**
 * Whether parsed JSON from `text` may hold a lone surrogate (an escaped one, paired or not).
 * Two plain searches first: seven times cheaper than the pattern on a page without any.
 */
export const mayHoldLoneSurrogates = (text: string): boolean =>
  (text.includes('\\ud') || text.includes('\\uD')) && ESCAPED_SURROGATE.test(text)

/** `value` with every lone surrogate, in strings and keys, replaced by U+FFFD. */
export function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.toWellFormed()
  if (Array.isArray(value)) return value.map(wellFormed)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [wellFormed(key), wellFormed(item)]),
    )
  return value
}
