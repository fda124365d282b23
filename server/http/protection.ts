// The middleware every request passes before a route, outermost first. The order is the
// point: the log line and the security headers cover every answer, 401s and 429s
// included; compression wraps whatever was answered; nothing but the liveness probe gets
// past the password, and only then do the path guard, the per-client rate limit and the
// request deadline apply.
import type { Context, Hono, MiddlewareHandler } from 'hono'
import { accessLog } from './access-log.ts'
import { basicAuth } from './basic-auth.ts'
import { clientAddress, clientKey } from './client-address.ts'
import { clientRateLimit } from './client-rate-limit.ts'
import { compression } from './compression.ts'
import { forwardedForWarning } from './forwarded-for-warning.ts'
import { interactiveMaxWaitMs } from '../upstream/gate-wait.ts'
import { rejectAmbiguousPaths } from './path-guard.ts'
import { requestTimeout } from './request-timeout.ts'
import { securityHeaders } from './security-headers.ts'
import type { Clock } from '../clock.ts'
import type { Config } from '../config.ts'
import type { Logger } from '../logger.ts'

/** Open without a password and never rate limited, so probes always get through. */
const isHealth = (path: string) => path === '/api/health'
/** Long-lived answers: the push stream and a whole export may outlast any deadline. */
const isStream = (path: string) =>
  path === '/api/events' || path === '/api/conversations/export.csv'

/** An interactive request may queue for the upstream budget, then make its one call. */
export const requestDeadlineMs = (upstreamTimeoutMs: number) =>
  upstreamTimeoutMs + interactiveMaxWaitMs + 1_000

const noStore: MiddlewareHandler = async (c, next) => {
  await next()
  c.header('Cache-Control', 'no-store')
}

export function applyProtection(
  app: Hono,
  services: { config: Config; clock: Clock; logger: Logger },
): void {
  const { config, clock } = services
  const client = (c: Context) => clientKey(clientAddress(c, config.trustProxyHops))
  app.use('*', accessLog(services.logger))
  const { trustProxyHops } = config
  app.use('*', forwardedForWarning({ trustProxyHops, logger: services.logger, now: clock.now }))
  app.use('*', securityHeaders())
  app.use('/api/*', noStore)
  app.use('*', compression())
  if (config.basicAuth) {
    app.use('*', basicAuth({ ...config.basicAuth, isOpen: isHealth, clientKey: client, clock }))
  }
  app.use('*', rejectAmbiguousPaths())
  app.use(
    '/api/*',
    clientRateLimit({
      perMinute: config.apiRatePerMinute,
      now: clock.now,
      clientKey: client,
      exempt: isHealth,
    }),
  )
  app.use(
    '/api/*',
    requestTimeout({
      ms: requestDeadlineMs(config.upstreamTimeoutMs),
      clock,
      exempt: (path) => isHealth(path) || isStream(path),
    }),
  )
}
