import { useState } from 'react'

/**
 * An input's own text that follows `committed` whenever that changes from outside
 * (Back, Forward, "Clear filters") but not while the user types ahead of it.
 */
export function useDraft(committed: string) {
  const [draft, setDraft] = useState(committed)
  const [seen, setSeen] = useState(committed)
  if (committed !== seen) {
    setSeen(committed)
    setDraft(committed)
  }
  return [committed !== seen ? committed : draft, setDraft] as const
}
