import type { ReactNode } from 'react'

type Props = {
  text: string
  /** [start, end) offsets in UTF-16 code units; out of order, overlapping or out of range is fine. */
  marks: readonly (readonly [number, number])[]
}

/**
 * Text with some of its pieces in <mark>, built only from text nodes, so markup in the
 * text (a customer's message) shows as the characters it is.
 */
export function MarkedText({ text, marks }: Props) {
  const pieces: ReactNode[] = []
  let at = 0
  for (const [from, to] of [...marks].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(from, at)
    const end = Math.min(to, text.length)
    if (end <= start) continue
    if (start > at) pieces.push(text.slice(at, start))
    pieces.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  if (at < text.length) pieces.push(text.slice(at))
  return <>{pieces}</>
}
