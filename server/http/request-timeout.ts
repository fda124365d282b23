// A bound on how long an /api request may take. Each upstream call has its own timeout,
// but a request can also queue: behind the first call that proves the key, at the
// limiter, or for a customer index that is still being crawled. Past the deadline the
// client gets a 504 it can act on and the work behind it is cancelled through the
// request's signal. Streams (the push stream, a CSV export) are exempt: they may outlast any
// deadline.
import type { MiddlewareHandler } from 'hono'
import { abortReason, type Clock } from '../clock.ts'
import { ApiFailure } from '../errors.ts'

export type RequestTimeoutOptions = {
  ms: number
  clock: Clock
  exempt: (path: string) => boolean
}

/** Reused as the reason a finished request's timer is cancelled: no DOMException per request. */
const finished = new Error('the request finished before its deadline')

export function requestTimeout(options: RequestTimeoutOptions): MiddlewareHandler {
  const seconds = Math.ceil(options.ms / 1000)
  return async (c, next) => {
    if (options.exempt(c.req.path)) return next()
    const deadline = new AbortController()
    const client = c.req.raw.signal
    // @hono/node-server aborts with a string ("Client connection prematurely closed."); work
    // that rejects with its signal's reason must reject with an Error, which Hono's error
    // handler answers (it rethrows anything else, and the request would go unlogged).
    const forward = () => deadline.abort(abortReason(client))
    if (client.aborted) forward()
    else client.addEventListener('abort', forward, { once: true })
    // Handlers pass c.req.raw.signal on to the upstream client and the store.
    // Shadowing the getter costs nothing; copying the Request would materialise it.
    Object.defineProperty(c.req.raw, 'signal', { value: deadline.signal, configurable: true })
    const timer = new AbortController()
    const expired = options.clock.sleep(options.ms, timer.signal).then(
      () => true,
      () => false,
    )
    const work = next().then(() => false)
    work.catch(() => undefined)
    try {
      if (!(await Promise.race([work, expired]))) return
    } finally {
      timer.abort(finished)
      client.removeEventListener('abort', forward)
    }
    const failure = new ApiFailure(
      504,
      'request_timeout',
      `The dashboard server gave up after ${seconds} seconds: perform.chat answered too ` +
        'slowly, or the customer list is still loading. Try again in a moment.',
    )
    deadline.abort(failure)
    throw failure
  }
}
