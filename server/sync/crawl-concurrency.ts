// How many pages the sync asks perform.chat for at once. It starts at half the ceiling
// and grows by one for every answer that came back about as fast as the best one seen (a
// slow start: the width doubles per round trip while the upstream keeps up). A 429, a 5xx
// or a transport failure halves it, once per round: failures of calls sent before the
// last cut say nothing new and do not cut again. Never above CRAWL_CONCURRENCY, never
// below 1. Slow answers stop the growth without cutting: they are often just the limiter
// queueing calls, which more width would not help and less would not fix.
import type { Clock } from '../clock.ts'
import { UpstreamError } from '../upstream/errors.ts'

export type Concurrency = {
  limit: () => number
  /** Runs one upstream attempt, learning from its latency and from how it ended. */
  measure: <T>(attempt: () => Promise<T>) => Promise<T>
}

/** Answers within twice the best latency, plus this much jitter, count as keeping up. */
const jitterMs = 10

const overloaded = (error: unknown) =>
  error instanceof UpstreamError &&
  (error.upstreamStatus === 429 ||
    (error.upstreamStatus !== undefined && error.upstreamStatus >= 500) ||
    error.code === 'upstream_timeout' ||
    error.code === 'upstream_unreachable')

export function createConcurrency(options: { max: number; clock: Clock }): Concurrency {
  const { clock } = options
  const max = Math.max(1, Math.floor(options.max))
  let current = Math.ceil(max / 2)
  let best = Number.POSITIVE_INFINITY
  let lastCutAt = Number.NEGATIVE_INFINITY

  return {
    limit: () => current,
    async measure(attempt) {
      const sentAt = clock.now()
      try {
        const result = await attempt()
        const latency = clock.now() - sentAt
        best = Math.min(best, latency)
        if (latency <= best * 2 + jitterMs) current = Math.min(max, current + 1)
        return result
      } catch (error) {
        if (overloaded(error) && sentAt >= lastCutAt) {
          current = Math.max(1, Math.floor(current / 2))
          lastCutAt = clock.now()
        }
        throw error
      }
    },
  }
}
