// Which rows of the list a crawl has seen, in positions that survive inserts at the head.
// perform.chat lists newest first and new conversations arrive at the head, so a row's
// distance from the END of the list ("reverse index") stays put while offsets shift under
// the crawl. Reads taken at different totals line up there, the holes are the pages to
// read again, and two reads naming different ids for one position prove the list changed
// some other way (a delete, an insert in the middle), which we cannot repair by re-reading.

export type PageRead = { page: number; limit: number; total: number; ids: readonly string[] }

export type Coverage = {
  record: (read: PageRead) => void
  /** Total reported by the most recent read. */
  latestTotal: () => number
  /** Pages to read again, numbered as the list stands now (at `latestTotal`). */
  missingPages: (limit: number) => number[]
  /** True when every position that existed when the crawl began has been seen. */
  coversStart: () => boolean
  conflicts: () => number
  /** Some read reported a total other than the one the crawl began with. */
  moved: () => boolean
}

export function createCoverage(startTotal: number): Coverage {
  const seen = new Map<number, string>()
  let latest = startTotal
  let conflicts = 0
  let moved = false

  const holes = (from: number, to: number) => {
    const found: number[] = []
    for (let reverse = from; reverse < to; reverse++) if (!seen.has(reverse)) found.push(reverse)
    return found
  }

  return {
    record({ page, limit, total, ids }) {
      latest = total
      if (total !== startTotal) moved = true
      const start = (page - 1) * limit
      ids.forEach((id, offset) => {
        const reverse = total - 1 - (start + offset)
        if (reverse < 0) return
        const before = seen.get(reverse)
        if (before !== undefined && before !== id) conflicts++
        seen.set(reverse, id)
      })
    },
    latestTotal: () => latest,
    missingPages(limit) {
      const pages = new Set<number>()
      for (const reverse of holes(0, latest))
        pages.add(Math.floor((latest - 1 - reverse) / limit) + 1)
      return [...pages].sort((a, b) => a - b)
    },
    coversStart: () => holes(0, startTotal).length === 0,
    conflicts: () => conflicts,
    moved: () => moved,
  }
}
