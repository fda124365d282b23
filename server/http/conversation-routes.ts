// The list and one conversation, answered from the mirror. Only what the mirror cannot
// know yet (a conversation the sync has not reached, a transcript) goes upstream, as an
// interactive call.
import { Hono, type Context } from 'hono'
import {
  ConversationSchema,
  idPattern,
  type MessageList,
  PageQuerySchema,
  type Activity,
  type ChangesSchema,
  type Count,
  type ConversationPage,
  type ConversationRow,
} from '../../src/lib/contract.ts'
import type * as z from 'zod/mini'
import type { Clock } from '../clock.ts'
import { ApiFailure } from '../errors.ts'
import type { Store } from '../store/store.ts'
import type { UpstreamClient } from '../upstream/client.ts'
import { fetchTranscript } from '../sync/transcript.ts'
import { exportCsvResponse } from './export-csv.ts'
import { activityQuery, exportQuery, filterQuery, listQuery } from './list-query.ts'

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

const notFoundUpstream = (error: unknown, id: string): never => {
  if (error instanceof ApiFailure && error.code === 'not_found') {
    throw new ApiFailure(404, 'not_found', `perform.chat has no conversation ${id}.`)
  }
  throw error
}

export function conversationRoutes(deps: {
  store: Store
  upstream: UpstreamClient
  clock: Clock
}): Hono {
  const { store, upstream, clock } = deps
  const routes = new Hono()

  /** Upstream now; when that fails, an older transcript the mirror holds beats an error. */
  async function readNow(id: string, signal: AbortSignal) {
    try {
      return await fetchTranscript({ store, upstream }, id, signal)
    } catch (error) {
      const older = await store.getMessages(id)
      if (older) return older
      return notFoundUpstream(error, id)
    }
  }

  routes.get('/conversations', async (c) => {
    const query = listQuery(c)
    // count=0: the page alone; a message search at scale counts apart (/conversations/count).
    const withoutTotal = c.req.query('count') === '0'
    // Read the version first: a change landing between the two reads is then reported as
    // new rather than lost.
    const version = await store.version()
    const { rows, total } = await store.listConversations({ ...query, withoutTotal })
    const body: ConversationPage = {
      data: rows,
      pagination: {
        page: query.page,
        limit: query.limit,
        total,
        total_pages: total === null ? null : Math.max(1, Math.ceil(total / query.limit)),
      },
      version,
    }
    return c.json(body)
  })

  routes.get('/conversations/count', async (c) => {
    const version = await store.version()
    // A count the page no longer waits for (a newer search replaced it) is not started.
    const total = await store.countConversations(filterQuery(c), c.req.raw.signal)
    return c.json({ total, version } satisfies Count)
  })

  // Conversations created per day in the browser's zone: one count per day, one query.
  routes.get('/conversations/activity', async (c) => {
    const { filters, days, bounds } = activityQuery(c, clock.now())
    const version = await store.version()
    const counts = await store.activity(filters, bounds)
    const body: Activity = {
      days: days.map((date, i) => ({ date, count: counts[i] ?? 0 })),
      total: counts.reduce((sum, n) => sum + n, 0),
      version,
    }
    return c.json(body)
  })

  routes.get('/conversations/changes', async (c) => {
    const since = Number(c.req.query('since'))
    if (!Number.isSafeInteger(since) || since < 0) {
      throw new ApiFailure(400, 'invalid_query', 'since must be a mirror version (a whole number).')
    }
    const version = await store.version()
    const count = await store.countChangedSince(filterQuery(c), since)
    return c.json({ count, version } satisfies z.infer<typeof ChangesSchema>)
  })

  routes.get('/conversations/export.csv', (c) =>
    exportCsvResponse(store.exportConversations(exportQuery(c)), new Date()),
  )

  routes.get('/conversations/:id', async (c) => {
    const id = conversationId(c)
    const mirrored = await store.getConversation(id)
    if (mirrored) return c.json(mirrored)
    // Not synced yet (a link to a brand-new conversation): ask perform.chat, and keep it.
    const fetched = await upstream
      .get(`/conversations/${encodeURIComponent(id)}`, {
        schema: ConversationSchema,
        signal: c.req.raw.signal,
      })
      .catch((error: unknown) => notFoundUpstream(error, id))
    await store.upsertConversations([fetched])
    const row: ConversationRow = (await store.getConversation(id)) ?? {
      ...fetched,
      customer_name: null,
      customer_email: null,
    }
    return c.json(row)
  })

  // From the mirror when it holds the transcript as of the conversation's current state;
  // otherwise read now (every page, interactive priority), stored, and served.
  routes.get('/conversations/:id/messages', async (c) => {
    const id = conversationId(c)
    const { page = 1, limit = 50 } = pageQuery(c)
    const signal = c.req.raw.signal
    const current = (await store.messagesCurrent(id)) ? await store.getMessages(id) : null
    const messages = current ?? (await readNow(id, signal))
    const conversation = await store.getConversation(id)
    const body: MessageList = {
      data: messages.slice((page - 1) * limit, page * limit),
      pagination: {
        page,
        limit,
        total: messages.length,
        total_pages: Math.max(1, Math.ceil(messages.length / limit)),
      },
      conversation: { id, title: conversation?.title ?? null },
    }
    return c.json(body)
  })

  return routes
}
