// Counts events per client over a sliding window in constant memory per client: two fixed
// windows, the previous one weighted by how much of it still overlaps the sliding one
// (a per-event log would cost one number per request). The table forgets the client seen
// least recently once it holds `maxKeys`, so neither a flood of addresses nor a long
// uptime can grow it without bound.

export type WindowCounter = {
  /** Ms until `key` may have one more event counted; 0 when it may now. */
  waitMs: (key: string) => number
  /** Counts one event for `key`. */
  hit: (key: string) => void
  /** Counts one event when under the limit and returns 0, else the ms to wait. */
  take: (key: string) => number
  size: () => number
}

type Entry = { start: number; current: number; previous: number }

export function createWindowCounter(options: {
  limit: number
  windowMs: number
  maxKeys: number
  now: () => number
}): WindowCounter {
  const { limit, windowMs } = options
  const entries = new Map<string, Entry>()

  /** The entry, rolled to the window holding `now` and moved to the most-recent end. */
  const entry = (key: string, now: number): Entry => {
    const start = now - (now % windowMs)
    let found = entries.get(key)
    if (found) entries.delete(key)
    else {
      found = { start, current: 0, previous: 0 }
      while (entries.size >= options.maxKeys) {
        const oldest = entries.keys().next()
        if (oldest.done === true) break
        entries.delete(oldest.value)
      }
    }
    if (found.start !== start) {
      found.previous = found.start === start - windowMs ? found.current : 0
      found.current = 0
      found.start = start
    }
    entries.set(key, found)
    return found
  }

  /** The first moment the weighted count leaves room for one more event. */
  const wait = ({ start, current, previous }: Entry, now: number): number => {
    const elapsed = now - start
    const room = limit - 1
    if (previous * (1 - elapsed / windowMs) + current <= room) return 0
    if (current <= room) return Math.ceil(windowMs * (1 - (room - current) / previous) - elapsed)
    // Only once this window has become the previous one, and enough of it has slid away.
    return Math.ceil(windowMs - elapsed + windowMs * (1 - room / current))
  }

  const waitMs = (key: string) => {
    const now = options.now()
    return wait(entry(key, now), now)
  }
  const hit = (key: string) => {
    entry(key, options.now()).current++
  }
  const take = (key: string) => {
    const now = options.now()
    const found = entry(key, now)
    const ms = wait(found, now)
    if (ms === 0) found.current++
    return ms
  }
  return { waitMs, hit, take, size: () => entries.size }
}
