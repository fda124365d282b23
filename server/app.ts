// The /api route table: a fixed set of routes, every parameter checked before anything
// is read, and one error shape, {"error":{"code","message"}}. Lists are answered from
// the mirror; only what it cannot know yet goes upstream.
import { Hono, type Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ApiFailure, errorBody } from './errors.ts'
import { clientAddress, clientKey } from './http/client-address.ts'
import { conversationRoutes } from './http/conversation-routes.ts'
import { applyProtection } from './http/protection.ts'
import { readyRoute } from './http/ready-route.ts'
import { createViewCounts } from './http/view-counts.ts'
import { viewRoutes } from './http/view-routes.ts'
import { printable } from './logger.ts'
import type { Services } from './services.ts'
import { StoreError } from './store/store-error.ts'

export function createApp(services: Services): Hono {
  const { logger, store } = services
  const app = new Hono()

  // Access, headers, compression, rate limit, deadline and the request log (protection.ts).
  applyProtection(app, services)

  app.get('/api/health', (c) => c.json({ status: 'ok' }))
  const { cluster } = services
  app.get(
    '/api/ready',
    readyRoute({
      ...services,
      // A follower rarely calls upstream itself: what the leader saw is usually newer.
      upstream: { status: () => cluster.upstreamStatus(services.upstream.status()) },
      leader: cluster.isLeader,
    }),
  )
  app.get('/api/events', (c) =>
    services.push.handle(c, clientKey(clientAddress(c, services.config.trustProxyHops))),
  )
  app.route('/api', conversationRoutes(services))
  app.route(
    '/api',
    viewRoutes({
      store,
      counts: createViewCounts({ store, logger }),
      onChange: () => {
        services.push.viewsChanged()
        cluster.viewsChanged()
      },
    }),
  )

  app.get('/api/customers', async (c) => {
    const q = c.req.query('q') ?? ''
    if (q.length > 200)
      throw new ApiFailure(400, 'invalid_query', 'q must be at most 200 characters.')
    if (!q.trim()) return c.json({ data: [] })
    return c.json({ data: await store.searchCustomers(q.trim(), 20) })
  })

  app.all('/api', notFound)
  app.all('/api/*', notFound)

  app.onError((error, c) => {
    if (error instanceof ApiFailure) {
      if (error.status >= 500) {
        logger.warn(`${c.req.method} ${printable(c.req.path)}: ${error.code}: ${error.message}`)
      }
      if (error.retryAfterSeconds !== undefined) {
        c.header('Retry-After', String(error.retryAfterSeconds))
      }
      return c.json(errorBody(error.code, error.message), error.status as ContentfulStatusCode)
    }
    if (error instanceof StoreError) {
      logger.error(`${c.req.method} ${printable(c.req.path)}: mirror: ${error.message}`, {
        code: error.code,
      })
      const message = `The dashboard's database cannot be read right now (${error.code}); its log has the details.`
      return c.json(errorBody('mirror_unavailable', message), 503)
    }
    if (error instanceof HTTPException) {
      return c.json(
        errorBody('bad_request', error.message || 'The request is not valid.'),
        error.status,
      )
    }
    // The client left before its answer (a newer search replaced the count it waited for):
    // the work was stopped on purpose and nobody reads this answer. The request log says
    // so (aborted); it is no failure.
    const signal = c.req.raw.signal
    if (signal.aborted && (error === signal.reason || error.name === 'AbortError')) {
      return new Response(null, { status: 499 })
    }
    logger.error(`${c.req.method} ${printable(c.req.path)}: ${error.stack ?? error.message}`)
    const message = 'The dashboard server failed unexpectedly; its log has the details.'
    return c.json(errorBody('internal_error', message), 500)
  })

  return app
}

function notFound(c: Context) {
  return c.json(
    errorBody('not_found', `There is no API route ${c.req.method} ${printable(c.req.path)}.`),
    404,
  )
}
