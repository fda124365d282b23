// Time as a dependency: the limiter, crawler and snapshot stores read it from here so
// tests can run a minute of rate limiting in milliseconds, deterministically.

export type Clock = {
  now: () => number
  /** Resolves after `ms`; rejects with the signal's reason when aborted first. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

/** The abort reason as an Error, so every rejection in these modules is one. */
export const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The operation was aborted.', 'AbortError')

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal))
        return
      }
      const onAbort = () => {
        clearTimeout(timer)
        if (signal) reject(abortReason(signal))
      }
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        Math.max(0, ms),
      )
      signal?.addEventListener('abort', onAbort, { once: true })
    }),
}

type Timer = { at: number; seq: number; resolve: () => void }

export type FakeClock = Clock & {
  /** Moves time forward by `ms`, firing every sleep due on the way, in order. */
  advance: (ms: number) => Promise<void>
  /** Jumps from timer to timer until `done` settles; rejects if nothing is left to fire. */
  runUntil: <T>(done: Promise<T>, limitMs?: number) => Promise<T>
  pending: () => number
}

/** Lets every promise chain that is ready run before time moves again. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

export function createFakeClock(start = Date.UTC(2025, 0, 1)): FakeClock {
  let now = start
  let seq = 0
  let timers: Timer[] = []

  const fireNext = (until: number) => {
    const next = timers[0]
    if (!next || next.at > until) return false
    timers.shift()
    now = Math.max(now, next.at)
    next.resolve()
    return true
  }

  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(abortReason(signal))
          return
        }
        const timer: Timer = { at: now + Math.max(0, ms), seq: seq++, resolve }
        timers.push(timer)
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq)
        signal?.addEventListener(
          'abort',
          () => {
            timers = timers.filter((t) => t !== timer)
            reject(abortReason(signal))
          },
          { once: true },
        )
      }),
    async advance(ms) {
      const until = now + ms
      await settle()
      while (fireNext(until)) await settle()
      now = until
    },
    async runUntil(done, limitMs = 24 * 3600_000) {
      const state = { settled: false }
      const watched = done.finally(() => (state.settled = true))
      watched.catch(() => undefined)
      const deadline = now + limitMs
      await settle()
      while (!state.settled) {
        if (!fireNext(deadline))
          throw new Error('fake clock: nothing left to fire before the promise settled')
        await settle()
      }
      return watched
    },
    pending: () => timers.length,
  }
}
