// API_RATE_PER_MINUTE per client on /api: one browser (or script) cannot hog the server,
// and through it the key's upstream budget that every user shares. Over the limit the
// answer is a 429 with Retry-After, in the /api error shape.
import type { Context, MiddlewareHandler } from 'hono'
import { errorBody } from '../errors.ts'
import { createWindowCounter } from './window-counter.ts'

/** Clients remembered at once; past that the least recently seen is forgotten. */
const maxTrackedClients = 10_000

export type ClientRateLimitOptions = {
  perMinute: number
  now: () => number
  clientKey: (c: Context) => string
  /** Paths never counted (the liveness probe must not be starved by a busy client). */
  exempt: (path: string) => boolean
  maxClients?: number
}

export function clientRateLimit(options: ClientRateLimitOptions): MiddlewareHandler {
  const counter = createWindowCounter({
    limit: options.perMinute,
    windowMs: 60_000,
    maxKeys: options.maxClients ?? maxTrackedClients,
    now: options.now,
  })
  return async (c, next) => {
    if (options.exempt(c.req.path)) return next()
    const waitMs = counter.take(options.clientKey(c))
    if (waitMs === 0) return next()
    const seconds = Math.max(1, Math.ceil(waitMs / 1000))
    c.header('Retry-After', String(seconds))
    const message =
      `Too many requests from this address: the dashboard allows ${options.perMinute} a ` +
      `minute (API_RATE_PER_MINUTE). Try again in ${seconds} seconds.`
    return c.json(errorBody('rate_limited', message), 429)
  }
}
