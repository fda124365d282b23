// One page of a crawl, fetched until it succeeds or there is no point trying again.
// A 429 is perform.chat asking us to wait: we wait what it says (holding every other call
// back through the limiter too) and try the same page again, and it never counts as a
// failure. 5xx, timeouts and cut-short bodies are retried a few times with exponential
// backoff and jitter, so a crawl's pool does not hammer a struggling upstream in step.
// Anything else (a 401 above all) fails the crawl at once: retrying a 401 burns the
// key's budget of failed authentications, and a body over the size limit would only come
// back as large.
import type { Clock } from '../clock.ts'
import { UpstreamError } from '../upstream/errors.ts'

const notRetryable = new Set(['upstream_too_large'])

export type RetryPolicy = {
  /** Attempts after the first for retryable failures (429s are not counted). */
  retries: number
  baseDelayMs: number
  maxDelayMs: number
  /** 429s in a row on one page before the crawl gives up. */
  maxRateLimitWaits: number
}

export const defaultRetryPolicy: RetryPolicy = {
  retries: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRateLimitWaits: 20,
}

export type RetryContext = {
  clock: Clock
  policy: RetryPolicy
  random: () => number
  signal: AbortSignal
  /** Holds every upstream call back until then (the shared limiter), if there is one. */
  pause?: (untilEpochMs: number) => void
  onRateLimited: (untilMs: number) => void
}

const rateLimitWaitMs = (error: unknown): number | undefined =>
  error instanceof UpstreamError &&
  (error.upstreamStatus === 429 || error.status === 429) &&
  error.retryAfterSeconds !== undefined
    ? error.retryAfterSeconds * 1000
    : undefined

const isRetryable = (error: unknown) =>
  error instanceof UpstreamError && error.retryable && !notRetryable.has(error.code)

/** "Equal jitter": half the exponential delay is fixed, half random, capped. */
function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

export async function withRetry<T>(context: RetryContext, attempt: () => Promise<T>): Promise<T> {
  const { clock, policy, signal } = context
  let failures = 0
  let rateLimited = 0
  for (;;) {
    signal.throwIfAborted()
    try {
      return await attempt()
    } catch (error) {
      if (signal.aborted) throw error
      const waitMs = rateLimitWaitMs(error)
      if (waitMs !== undefined && rateLimited < policy.maxRateLimitWaits) {
        rateLimited++
        const until = clock.now() + waitMs
        context.onRateLimited(until)
        // With the shared limiter paused, the next attempt queues there; without one we wait here.
        if (context.pause) context.pause(until)
        else await clock.sleep(waitMs, signal)
        continue
      }
      if (waitMs === undefined && isRetryable(error) && failures < policy.retries) {
        await clock.sleep(backoffMs(failures, policy, context.random), signal)
        failures++
        continue
      }
      throw error
    }
  }
}
