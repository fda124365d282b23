import { useEffect } from 'react'

// User Timing marks that `npm run bench:ui` reads: from the moment a title search is
// applied (after the debounce) to the first paint of the filtered table. Two marks per
// search are cheap enough to keep in production.
let applied = false

export function markSearchApplied() {
  applied = true
  performance.mark('search-applied')
}

/** Marks `search-painted` once the render showing `q` has been painted (next frame, then a task). */
export function useSearchPaintedMark(q: string) {
  useEffect(() => {
    if (!applied) return
    applied = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => performance.mark('search-painted'))
    })
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }, [q])
}
