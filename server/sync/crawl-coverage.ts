// Which rows of the list a pass has seen, in positions that survive inserts at the head.
// perform.chat lists newest first and new conversations arrive at the head, so a row's
// distance from the END of the list ("reverse index") stays put while offsets shift under
// the pass. Reads taken at different totals line up there, the holes are the pages to
// read again, and two reads naming different ids for one position, or one id at two
// positions, prove the list changed some other way (a delete, a move, an insert in the
// middle), which re-reading cannot repair. A million positions cost 8 MB: each holds a
// 53-bit hash of its id, not the id. Positions a previous process covered (a resumed
// pass) are known as covered, not by id.

export type PageRead = { page: number; limit: number; total: number; ids: readonly string[] }

/** Covered reverse positions as [from, to) pairs, ascending: what a resumed pass starts from. */
export type Covered = readonly (readonly [number, number])[]

export type Coverage = {
  record: (read: PageRead) => void
  /** Total reported by the most recent read. */
  latestTotal: () => number
  /** Pages to read again, numbered as the list stands now (at `latestTotal`). */
  missingPages: (limit: number) => number[]
  /** True when every position that existed when the pass began has been seen. */
  coversStart: () => boolean
  conflicts: () => number
  /** Ids seen at more than one position (computed on demand: a sort of every hash). */
  duplicates: () => number
  /** Positions of the list as it stands now whose id this process read (not a resumed pass's). */
  readHere: () => number
  /** Some read reported a total other than the one the pass began with. */
  moved: () => boolean
  covered: () => Covered
}

const unknownId = -1

export function createCoverage(startTotal: number, resumed: Covered = []): Coverage {
  let hashes = new Float64Array(Math.max(16, startTotal))
  let intervals: [number, number][] = []
  let latest = startTotal
  let conflicts = 0
  let moved = false

  const ensure = (size: number) => {
    if (size <= hashes.length) return
    const grown = new Float64Array(Math.max(size, hashes.length * 2))
    grown.set(hashes)
    hashes = grown
  }
  const cover = (from: number, to: number) => {
    if (to <= from) return
    intervals = mergeInterval(intervals, from, to)
  }
  for (const [from, to] of resumed) {
    ensure(to)
    for (let reverse = Math.max(0, from); reverse < to; reverse++) hashes[reverse] = unknownId
    cover(Math.max(0, from), to)
  }

  const seen = (reverse: number) => (hashes[reverse] ?? 0) !== 0
  const holes = function* (to: number) {
    for (let reverse = 0; reverse < to; reverse++) if (!seen(reverse)) yield reverse
  }

  return {
    record({ page, limit, total, ids }) {
      latest = total
      if (total !== startTotal) moved = true
      ensure(total)
      const start = (page - 1) * limit
      ids.forEach((id, offset) => {
        const reverse = total - 1 - (start + offset)
        if (reverse < 0) return
        const hash = idHash(id)
        const before = hashes[reverse] ?? 0
        if (before > 0 && before !== hash) conflicts++
        hashes[reverse] = hash
      })
      cover(Math.max(0, total - start - ids.length), Math.max(0, total - start))
    },
    latestTotal: () => latest,
    missingPages(limit) {
      // Reverse positions rise as pages fall; after a hole the rest of its page is skipped
      // (at 1,000,000 rows, visiting every hole took 20–30 ms of the event loop).
      const pages: number[] = []
      for (let reverse = 0; reverse < latest; reverse++) {
        if (seen(reverse)) continue
        const page = Math.floor((latest - 1 - reverse) / limit) + 1
        pages.push(page)
        reverse = latest - 1 - (page - 1) * limit
      }
      return pages.reverse()
    },
    coversStart: () => holes(startTotal).next().done === true,
    conflicts: () => conflicts,
    duplicates() {
      const known = hashes.slice(0, latest).filter((hash) => hash > 0)
      known.sort()
      let found = 0
      for (let i = 1; i < known.length; i++) if (known[i] === known[i - 1]) found++
      return found
    },
    readHere() {
      let read = 0
      for (let reverse = 0; reverse < latest; reverse++) if ((hashes[reverse] ?? 0) > 0) read++
      return read
    },
    moved: () => moved,
    covered: () => intervals.map(([from, to]) => [from, to] as const),
  }
}

/** Adds [from, to) to ascending, disjoint intervals, merging the ones it touches. */
function mergeInterval(intervals: [number, number][], from: number, to: number) {
  const merged: [number, number][] = []
  let start = from
  let end = to
  for (const interval of intervals) {
    if (interval[1] < start || interval[0] > end) merged.push(interval)
    else {
      start = Math.min(start, interval[0])
      end = Math.max(end, interval[1])
    }
  }
  merged.push([start, end])
  return merged.sort((a, b) => a[0] - b[0])
}

/** Two 32-bit FNV-style hashes folded into 53 bits, never 0 (0 marks an unseen position). */
export function idHash(id: string): number {
  let a = 0x811c9dc5
  let b = 0x9747b28c ^ id.length
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x5bd1e995)
    b ^= b >>> 15
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff) + 1
}
