// The replica's one dedicated connection for coordination, apart from the store's pool:
// it holds the leader's session lock, LISTENs, and asks for grants of the shared budget.
// Whatever breaks it (the server restarted, the network, a heartbeat that got no answer)
// ends it and reports the loss at once; it then reconnects with backoff, and each new
// connection is set up again (LISTEN, what was missed) before it is used.
import pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import { ClusterError, passwordScrubber, reasonOf } from './cluster-error.ts'

export type Query = <R extends pg.QueryResultRow>(
  text: string,
  values?: readonly unknown[],
) => Promise<R[]>

export type SessionHooks = {
  /** Sets up a new connection; throwing drops it (and the session tries again). */
  onConnect: (query: Query) => Promise<void>
  onLost: () => void
  onNotification: (notification: pg.Notification) => void
}

export type ClusterSession = {
  /** Rejects at once while there is no connection. */
  query: Query
  /** Counts connections: a result read on an earlier one says nothing about this one. */
  epoch: () => number
  connected: () => boolean
  /** This connection's backend process id (its own notifications carry it). */
  backendPid: () => number | null
  /** Ends the connection (it stopped answering); the session reconnects. */
  drop: () => void
  close: () => Promise<void>
}

export type SessionOptions = {
  url: string
  logger: Logger
  clock: Clock
  /** The longest pause between reconnection attempts. */
  retryMs: number
  queryTimeoutMs: number
  hooks: SessionHooks
}

const firstBackoffMs = 250

// Without these the server keeps the session (and the leader's lock) of a replica that
// vanished from the network for the kernel's default of two hours; with them, ~20 s.
const keepaliveSql =
  'SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3'

/** One statement at a time: pg (from 9.0) refuses a query while one is still running. */
function serialQuery(client: pg.Client): Query {
  let tail: Promise<unknown> = Promise.resolve()
  return <R extends pg.QueryResultRow>(text: string, values?: readonly unknown[]) => {
    const run = tail.then(
      async () => (await client.query<R>(text, values ? [...values] : undefined)).rows,
    )
    tail = run.catch(() => undefined)
    return run
  }
}

export async function openClusterSession(options: SessionOptions): Promise<ClusterSession> {
  const { logger, clock, hooks } = options
  const scrub = passwordScrubber(options.url)
  const closing = new AbortController()
  const isClosing = () => closing.signal.aborted
  let current: { client: pg.Client; query: Query; pid: number; lose: () => void } | null = null
  let epoch = 0
  let outage = false

  const connect = async () => {
    const client = new pg.Client({
      connectionString: options.url,
      application_name: 'performchat-dashboard cluster',
      keepAlive: true,
      query_timeout: options.queryTimeoutMs,
    })
    // Notifications count from LISTEN on, before the connection is handed out.
    const state = { ended: false }
    const lose = () => {
      if (state.ended) return
      state.ended = true
      void client.end().catch(() => undefined)
      if (current?.client !== client) return
      current = null
      hooks.onLost()
      if (!isClosing()) void reconnect()
    }
    client.on('error', (error) => {
      if (current?.client === client) {
        logger.warn(`cluster: the PostgreSQL connection failed: ${reasonOf(error, scrub)}`)
      }
      lose()
    })
    client.on('end', lose)
    client.on('notification', (notification) => {
      if (!state.ended) hooks.onNotification(notification)
    })
    try {
      await client.connect()
      const query = serialQuery(client)
      await query(keepaliveSql)
      const [row] = await query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      await hooks.onConnect(query)
      if (state.ended) throw new ClusterError('the connection ended while it was being set up')
      current = { client, query, pid: row?.pid ?? 0, lose }
      epoch++
    } catch (error) {
      lose()
      throw error
    }
  }

  async function reconnect() {
    let delay = firstBackoffMs
    while (!isClosing() && !current) {
      try {
        await clock.sleep(delay, closing.signal)
        await connect()
        if (outage) logger.info('cluster: reconnected to PostgreSQL')
        outage = false
      } catch (error) {
        if (isClosing()) return
        if (!outage) {
          logger.warn(
            `cluster: cannot reach PostgreSQL (${reasonOf(error, scrub)}); retrying every ${Math.round(options.retryMs / 1000)} s at most`,
          )
        }
        outage = true
        delay = Math.min(options.retryMs, delay * 2)
      }
    }
  }

  try {
    await connect()
  } catch (error) {
    throw new ClusterError(
      `The dashboard cannot use the PostgreSQL server of DATABASE_URL to coordinate its replicas: ${reasonOf(error, scrub)}.`,
      { cause: error },
    )
  }

  return {
    async query(text, values) {
      if (!current) throw new ClusterError('not connected to PostgreSQL')
      return current.query(text, values)
    },
    epoch: () => epoch,
    connected: () => current !== null,
    backendPid: () => current?.pid ?? null,
    drop() {
      current?.lose()
    },
    async close() {
      closing.abort()
      const client = current?.client
      current = null
      await client?.end().catch(() => undefined)
    },
  }
}
