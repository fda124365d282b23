// What the leader tells the other replicas, and what any replica tells the others:
// the sync's status (with the upstream state the leader last saw), published with NOTIFY
// on every change (coalesced: at most one per interval, the latest wins) and kept in
// cluster_status so a replica that starts or reconnects later reads the latest; and
// "the saved views changed", and "the leader resigned". A replica hears its own
// notifications too and ignores them.
import type pg from 'pg'
import * as z from 'zod/mini'
import { SyncStatusSchema, type SyncStatus } from '../../src/lib/contract.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { UpstreamStatus } from '../upstream/client.ts'
import { channels } from './cluster-schema.ts'
import type { ClusterSession, Query } from './cluster-session.ts'

const NewsSchema = z.object({
  status: SyncStatusSchema,
  upstream: z.object({
    state: z.enum(['unknown', 'ok', 'unauthorized', 'rate_limited', 'unreachable']),
    at: z.nullable(z.number()),
    retryAfterUntil: z.nullable(z.number()),
  }),
})
export type News = { status: SyncStatus; upstream: UpstreamStatus }

/** NOTIFY refuses payloads of 8000 bytes or more; a larger status is read from the table. */
const maxPayloadBytes = 7900

export type ClusterNews = {
  /** Sets up a new connection: LISTEN, then the latest stored status and a views nudge. */
  listen: (query: Query) => Promise<void>
  receive: (notification: pg.Notification) => void
  /** Coalesced; the latest wins. */
  publish: (news: News) => void
  viewsChanged: () => void
  resigned: () => Promise<void>
  close: () => void
}

export function createClusterNews(deps: {
  session: () => ClusterSession | undefined
  clock: Clock
  logger: Logger
  intervalMs: number
  onNews: (news: News) => void
  onViewsChanged: () => void
  onResigned: () => void
}): ClusterNews {
  const { clock, logger } = deps
  const closed = new AbortController()
  let latest: News | undefined
  let scheduled = false
  let lastSentAt = Number.NEGATIVE_INFINITY
  let warned = false

  const parse = (text: string): News | undefined => {
    try {
      const parsed = NewsSchema.safeParse(JSON.parse(text))
      return parsed.success ? parsed.data : undefined
    } catch {
      return undefined
    }
  }
  const readStored = async (query: Query) => {
    const [row] = await query<{ body: string }>('SELECT body FROM cluster_status WHERE id = 1')
    const news = row ? parse(row.body) : undefined
    if (news) deps.onNews(news)
  }

  const notify = async (channel: string) => {
    await deps
      .session()
      ?.query('SELECT pg_notify($1, $2)', [channel, ''])
      .catch(() => undefined)
  }

  const send = async () => {
    scheduled = false
    const session = deps.session()
    if (!latest || !session) return
    lastSentAt = clock.now()
    const body = JSON.stringify(latest)
    const payload = Buffer.byteLength(body) < maxPayloadBytes ? body : ''
    try {
      await session.query(
        `WITH kept AS (
           INSERT INTO cluster_status (id, body, updated_at) VALUES (1, $1, clock_timestamp())
           ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at
           RETURNING 1
         )
         SELECT pg_notify($2, $3) FROM kept`,
        [body, channels.status, payload],
      )
      warned = false
    } catch (error) {
      if (warned) return
      warned = true
      const reason = error instanceof Error ? error.message : String(error)
      logger.warn(`cluster: could not publish the sync status to the other replicas (${reason})`)
    }
  }

  return {
    async listen(query) {
      for (const channel of Object.values(channels)) await query(`LISTEN ${channel}`)
      await readStored(query)
      // Views saved elsewhere while this replica was not listening: its pages read them again.
      deps.onViewsChanged()
    },
    receive(notification) {
      if (notification.processId === deps.session()?.backendPid()) return
      if (notification.channel === channels.views) return deps.onViewsChanged()
      if (notification.channel === channels.resigned) return deps.onResigned()
      if (notification.channel !== channels.status) return
      const news = notification.payload ? parse(notification.payload) : undefined
      if (news) return deps.onNews(news)
      const session = deps.session()
      if (session) void readStored(session.query).catch(() => undefined)
    },
    publish(news) {
      latest = news
      if (scheduled || closed.signal.aborted) return
      scheduled = true
      const wait = lastSentAt + deps.intervalMs - clock.now()
      void clock.sleep(Math.max(0, wait), closed.signal).then(send, () => (scheduled = false))
    },
    viewsChanged() {
      void notify(channels.views)
    },
    resigned: () => notify(channels.resigned),
    close: () => closed.abort(),
  }
}
