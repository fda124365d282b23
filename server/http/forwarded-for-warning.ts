// Requests that carry X-Forwarded-For while TRUST_PROXY_HOPS=0 almost always mean the
// dashboard runs behind a proxy nobody told it about: every client then shares the
// proxy's address, so one busy colleague uses up everyone's API_RATE_PER_MINUTE and one
// person's wrong passwords slow the whole team's. The operator is told at the first
// such request and, while they keep coming, at most once per interval, with how many
// came since. The header's value is not logged: it holds addresses, chosen by anyone.
import type { MiddlewareHandler } from 'hono'
import type { Logger } from '../logger.ts'

export type ForwardedForWarningOptions = {
  trustProxyHops: number
  logger: Pick<Logger, 'warn'>
  now: () => number
  intervalMs?: number
}

export const forwardedForMessage =
  'Requests carry X-Forwarded-For but TRUST_PROXY_HOPS is 0, so every client behind the ' +
  'proxy counts as one address for the per-client rate limit and the wrong-password ' +
  'delay. Behind N reverse proxies that append to X-Forwarded-For, set TRUST_PROXY_HOPS=N; ' +
  'if nothing should be in front of this server, find who sends the header.'

export function forwardedForWarning(options: ForwardedForWarningOptions): MiddlewareHandler {
  const intervalMs = options.intervalMs ?? 60_000
  let lastWarned: number | undefined
  let unreported = 0
  return async (c, next) => {
    if (options.trustProxyHops === 0 && c.req.header('X-Forwarded-For') !== undefined) {
      unreported++
      const now = options.now()
      if (lastWarned === undefined || now - lastWarned >= intervalMs) {
        options.logger.warn(forwardedForMessage, { requests_with_header: unreported })
        lastWarned = now
        unreported = 0
      }
    }
    await next()
  }
}
