type Snippet = { text: string; marks: readonly (readonly [number, number])[] }

/** How much of a snippet is kept before its first mark, so the match shows on one line. */
const LEAD = 16

/**
 * The snippet with the text before its first mark cut to about LEAD characters, at the
 * start of a word, marked "…" where cut: the line is truncated at its end, and the match
 * must not be what is cut off.
 */
export function fitSnippet(snippet: Snippet): Snippet {
  const { text, marks } = snippet
  const first = Math.min(...marks.map(([start]) => start))
  if (!(first > LEAD) || first >= text.length) return snippet
  const space = text.indexOf(' ', first - LEAD)
  const from = space !== -1 && space < first ? space + 1 : first
  const kept = text.slice(from)
  return {
    text: `…${kept}`,
    marks: marks.map(([start, end]) => [start - from + 1, end - from + 1] as const),
  }
}
