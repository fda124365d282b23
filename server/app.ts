// The /api route table: a fixed set of routes, every parameter checked before anything
// goes upstream, and one error shape, {"error":{"code","message"}}.
import { Hono, type Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import {
  ConversationListSchema,
  ConversationSchema,
  idPattern,
  MessageListSchema,
  PageQuerySchema,
} from '../src/lib/contract.ts'
import { searchCustomers } from './http/customer-search.ts'
import { snapshotRoutes } from './http/snapshot-routes.ts'
import { ApiFailure, errorBody } from './errors.ts'
import { printable } from './logger.ts'
import { applyProtection } from './http/protection.ts'
import type { Services } from './services.ts'

const pageRules = {
  page: 'page must be a whole number from 1 to 1000000',
  limit: 'limit must be a whole number from 1 to 100',
}

function pageQuery(c: Context) {
  const parsed = PageQuerySchema.safeParse({
    page: c.req.query('page'),
    limit: c.req.query('limit'),
  })
  if (parsed.success) return parsed.data
  const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]))
  const messages = (['page', 'limit'] as const)
    .filter((f) => fields.has(f))
    .map((f) => pageRules[f])
  throw new ApiFailure(400, 'invalid_query', `${messages.join('; ')}.`)
}

function conversationId(c: Context): string {
  const id = c.req.param('id') ?? ''
  if (!idPattern.test(id)) throw new ApiFailure(404, 'not_found', 'No conversation has this id.')
  return id
}

const notFoundUpstream = (error: unknown, message: string) => {
  if (error instanceof ApiFailure && error.code === 'not_found') {
    throw new ApiFailure(404, 'not_found', message)
  }
  throw error
}

export function createApp(services: Services): Hono {
  const { upstream, logger } = services
  const app = new Hono()

  // Access, headers, compression, rate limit, deadline and the request log (protection.ts).
  applyProtection(app, services)

  app.get('/api/health', (c) => c.json({ status: 'ok' }))

  app.get('/api/ready', (c) => {
    const seen = upstream.status()
    const asOf = services.conversations.current()?.asOf
    // The clock the upstream client stamped `seen` with, not Date.now().
    const now = services.clock.now()
    return c.json({
      upstream: seen.state,
      upstream_seen_at: seen.at === null ? null : new Date(seen.at).toISOString(),
      retry_after_seconds:
        seen.retryAfterUntil === null
          ? null
          : Math.max(0, Math.ceil((seen.retryAfterUntil - now) / 1000)),
      snapshot_age_seconds:
        asOf === undefined ? null : Math.max(0, Math.round((now - asOf) / 1000)),
    })
  })

  // Before /api/conversations/:id, which would otherwise take "snapshot" for an id.
  app.route('/api', snapshotRoutes(services, services.clock))

  app.get('/api/conversations', async (c) => {
    const query = pageQuery(c)
    const signal = c.req.raw.signal
    return c.json(
      await upstream.get('/conversations', { query, schema: ConversationListSchema, signal }),
    )
  })

  app.get('/api/conversations/:id', async (c) => {
    const id = conversationId(c)
    const conversation = await upstream
      .get(`/conversations/${encodeURIComponent(id)}`, {
        schema: ConversationSchema,
        signal: c.req.raw.signal,
      })
      .catch((error: unknown) => notFoundUpstream(error, `perform.chat has no conversation ${id}.`))
    return c.json(conversation)
  })

  app.get('/api/conversations/:id/messages', async (c) => {
    const id = conversationId(c)
    const query = pageQuery(c)
    const messages = await upstream
      .get(`/conversations/${encodeURIComponent(id)}/messages`, {
        query,
        schema: MessageListSchema,
        signal: c.req.raw.signal,
      })
      .catch((error: unknown) => notFoundUpstream(error, `perform.chat has no conversation ${id}.`))
    return c.json(messages)
  })

  app.get('/api/customers', async (c) => {
    const q = c.req.query('q') ?? ''
    if (q.length > 200)
      throw new ApiFailure(400, 'invalid_query', 'q must be at most 200 characters.')
    if (!q.trim()) return c.json({ data: [] })
    const customers = await services.customers.all(c.req.raw.signal)
    return c.json({ data: searchCustomers(customers, q) })
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
    if (error instanceof HTTPException) {
      return c.json(
        errorBody('bad_request', error.message || 'The request is not valid.'),
        error.status,
      )
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
