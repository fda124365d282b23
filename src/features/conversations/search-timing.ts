import { useEffect } from 'react'
import { afterNextPaint } from '../../lib/use-after-paint.ts'

// User Timing marks that `npm run bench:ui` reads: from the moment a title search is
// applied (after the debounce) to the first paint of the table showing the server's
// answer for it. Two marks per search are cheap enough to keep in production.
let applied = false

export function markSearchApplied() {
  applied = true
  performance.mark('search-applied')
}

/**
 * Marks `search-painted` once the render showing the rows for `q` has been painted (next
 * frame, then a task). `shownQ` is the title search the rows on screen answer, null while
 * they still are the previous view's.
 */
export function useSearchPaintedMark(shownQ: string | null) {
  useEffect(() => {
    if (!applied || shownQ === null) return
    applied = false
    return afterNextPaint(() => performance.mark('search-painted'))
  }, [shownQ])
}
