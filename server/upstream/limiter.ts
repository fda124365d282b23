// One limiter for every upstream call, shaped like perform.chat's own limit (N requests in
// any 60-second window), so a crawl of 1,000 pages is paced to the window instead of
// meeting 429s. Crawls may only fill (1 - interactiveShare) of the window: the rest stays
// free for a transcript or a customer lookup while a crawl runs. Background calls (the
// message sync) share the crawl's part but only take what the crawl leaves: a list page
// waiting goes first, so the list's freshness never waits behind message reads. The
// window survives a restart through an optional grant log: a process that crashes and
// comes back at once still knows what it spent, so a crash loop cannot earn a 429.
import { abortReason, type Clock } from '../clock.ts'
import { GateWaitTooLong } from './gate-wait.ts'
import { createGrantWindow, WINDOW_MS, type GrantLog } from './grant-window.ts'

export type Priority = 'interactive' | 'crawl' | 'background'

export type LimiterStats = {
  granted: number
  grantedCrawl: number
  grantedBackground: number
  /** Total time callers spent queued, in ms. */
  waitedMs: number
  /** Grants in the current 60-second window. */
  inWindow: number
  queued: Record<Priority, number>
  /** Until when a 429's Retry-After holds every call back (epoch ms), or null. */
  blockedUntil: number | null
}

/** The first moment a queued call of this priority is expected to be let through. */
export type WaitListener = (event: { priority: Priority; untilMs: number }) => void

export type AcquireOptions = {
  /** Reject with GateWaitTooLong instead of queueing when the wait would be longer. */
  maxWaitMs?: number
}

export type Limiter = {
  /** Grants in any 60 s: in all, and the most a crawl may take. */
  readonly budget: { perMinute: number; crawlPerMinute: number }
  acquire: (priority: Priority, signal?: AbortSignal, options?: AcquireOptions) => Promise<void>
  pause: (untilEpochMs: number) => void
  stats: () => LimiterStats
  onWait: (listener: WaitListener) => () => void
  /** Saves the window's grants to the grant log now (shutdown); a no-op without one. */
  flush: () => void
}

type Waiter = { resolve: () => void; since: number }

/** Highest first. */
const priorities: readonly Priority[] = ['interactive', 'crawl', 'background']

export function createLimiter(options: {
  perMinute: number
  interactiveShare: number
  clock: Clock
  grantLog?: GrantLog
}): Limiter {
  const { clock } = options
  const cap = Math.max(1, Math.floor(options.perMinute))
  const crawlCap = Math.max(1, Math.floor(cap * (1 - options.interactiveShare)))
  const capOf = (priority: Priority) => (priority === 'interactive' ? cap : crawlCap)
  // A full window replays its grants' pattern a minute later: background calls let through
  // in a burst would free their slots in a burst too, and a list page arriving after it
  // would wait out the rest of the minute. Spread evenly, a slot frees every 60 s / cap.
  const backgroundGapMs = WINDOW_MS / crawlCap
  let lastBackgroundAt = Number.NEGATIVE_INFINITY
  const spent = createGrantWindow(clock, options.grantLog)
  let pausedUntil = 0
  let granted = 0
  let grantedCrawl = 0
  let grantedBackground = 0
  let waitedMs = 0
  const queues: Record<Priority, Waiter[]> = { interactive: [], crawl: [], background: [] }
  const listeners = new Set<WaitListener>()
  let timer: { at: number; abort: AbortController } | undefined
  const announced: Record<Priority, number> = { interactive: 0, crawl: 0, background: 0 }

  const readyAt = (priority: Priority, now: number) =>
    Math.max(
      pausedUntil,
      spent.freeAt(capOf(priority), now),
      priority === 'background' ? lastBackgroundAt + backgroundGapMs : now,
    )
  /** When a call joining the back of its queue now would be let through. */
  const expectedAt = (priority: Priority, now: number) => {
    const room = capOf(priority) - queues[priority].length
    if (room <= 0) return Math.max(pausedUntil, now + WINDOW_MS)
    return Math.max(pausedUntil, spent.freeAt(room, now))
  }

  const grant = (priority: Priority, now: number) => {
    const waiter = queues[priority].shift()
    if (!waiter) return
    spent.add(now)
    granted++
    if (priority === 'crawl') grantedCrawl++
    if (priority === 'background') {
      grantedBackground++
      lastBackgroundAt = now
    }
    waitedMs += now - waiter.since
    waiter.resolve()
  }

  const announce = (priority: Priority, untilMs: number, now: number) => {
    if (queues[priority].length === 0 || untilMs <= now || announced[priority] === untilMs) return
    announced[priority] = untilMs
    for (const listener of listeners) listener({ priority, untilMs })
  }

  const schedule = (at: number, now: number) => {
    if (timer && timer.at <= at) return
    timer?.abort.abort()
    const abort = new AbortController()
    timer = { at, abort }
    clock.sleep(at - now, abort.signal).then(
      () => {
        timer = undefined
        pump()
      },
      () => undefined,
    )
  }

  function pump() {
    const now = clock.now()
    // A priority is served only once no call above it waits; crawl and background calls
    // only take what is left under the crawl's cap.
    for (const priority of priorities) {
      while (queues[priority].length > 0 && readyAt(priority, now) <= now) grant(priority, now)
      if (queues[priority].length > 0) break
    }
    const next = priorities
      .filter((priority) => queues[priority].length > 0)
      .map((priority) => {
        const at = readyAt(priority, now)
        announce(priority, at, now)
        return at
      })
    if (next.length > 0) schedule(Math.max(now + 1, Math.min(...next)), now)
  }

  return {
    budget: { perMinute: cap, crawlPerMinute: crawlCap },
    acquire: (priority, signal, acquireOptions) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(abortReason(signal))
          return
        }
        const maxWaitMs = acquireOptions?.maxWaitMs
        if (maxWaitMs !== undefined) {
          const at = expectedAt(priority, clock.now())
          if (at - clock.now() > maxWaitMs) {
            reject(new GateWaitTooLong(at))
            return
          }
        }
        const onAbort = () => {
          const queue = queues[priority]
          const at = queue.indexOf(waiter)
          if (at !== -1) queue.splice(at, 1)
          if (signal) reject(abortReason(signal))
        }
        const waiter: Waiter = {
          resolve: () => {
            signal?.removeEventListener('abort', onAbort)
            resolve()
          },
          since: clock.now(),
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        queues[priority].push(waiter)
        pump()
      }),
    pause(untilEpochMs) {
      if (untilEpochMs <= pausedUntil) return
      pausedUntil = untilEpochMs
      timer?.abort.abort()
      timer = undefined
      pump()
    },
    stats() {
      const now = clock.now()
      return {
        granted,
        grantedCrawl,
        grantedBackground,
        waitedMs,
        inWindow: spent.size(now),
        queued: {
          interactive: queues.interactive.length,
          crawl: queues.crawl.length,
          background: queues.background.length,
        },
        blockedUntil: pausedUntil > now ? pausedUntil : null,
      }
    },
    onWait(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    flush: spent.flush,
  }
}
