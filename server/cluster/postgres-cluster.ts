// Replicas of the dashboard on one PostgreSQL. Each opens one dedicated connection
// (cluster-session.ts) for all of it: the cluster's own tables at start, the leader's
// lock (leadership.ts), the shared upstream budget (shared-ledger.ts, shared-gate.ts),
// the leader's status and view changes by LISTEN/NOTIFY (cluster-news.ts).
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { Cluster } from './cluster.ts'
import { createClusterNews, type News } from './cluster-news.ts'
import { lockKeys, schemaSql } from './cluster-schema.ts'
import { openClusterSession, type ClusterSession, type Query } from './cluster-session.ts'
import { createLeadership, type Leadership } from './leadership.ts'
import { createReplicatedSync, type ReplicatedSync } from './replicated-sync.ts'
import { createSharedGate } from './shared-gate.ts'
import { createLedger } from './shared-ledger.ts'

export type PostgresClusterOptions = {
  url: string
  logger: Logger
  clock: Clock
  /** How long the one probe of a key after a 401 cool-down keeps the others waiting. */
  probeLeaseMs: number
  /** Followers try for the leader's lock this often; reconnecting backs off up to it. */
  retryMs?: number
  queryTimeoutMs?: number
  /** The most often the leader publishes its status. */
  publishIntervalMs?: number
}

export type PostgresCluster = Cluster & {
  /** The backend process of this replica's connection, or null while it has none. */
  backendPid: () => number | null
}

const startupPollMs = 100

/** Runs `fn` holding the start-up lock, which another replica starting may hold for a while. */
async function underStartupLock<T>(query: Query, clock: Clock, fn: () => Promise<T>) {
  for (;;) {
    const [row] = await query<{ held: boolean }>(
      'SELECT pg_try_advisory_lock($1::bigint) AS held',
      [lockKeys.startup],
    )
    if (row?.held === true) break
    await clock.sleep(startupPollMs)
  }
  try {
    return await fn()
  } finally {
    await query('SELECT pg_advisory_unlock($1::bigint)', [lockKeys.startup])
  }
}

export async function openPostgresCluster(
  options: PostgresClusterOptions,
): Promise<PostgresCluster> {
  const { logger, clock } = options
  const retryMs = options.retryMs ?? 5_000
  const viewListeners = new Set<() => void>()
  // Parts that call each other, created one after the other.
  const link: { session?: ClusterSession; leadership?: Leadership; replica?: ReplicatedSync } = {}
  let leaderNews: News | undefined
  let schemaReady = false

  const news = createClusterNews({
    session: () => link.session,
    clock,
    logger,
    intervalMs: options.publishIntervalMs ?? 150,
    onNews(heard) {
      leaderNews = heard
      link.replica?.heard(heard)
    },
    onViewsChanged: () => {
      for (const listener of viewListeners) listener()
    },
    onResigned: () => link.leadership?.beat(),
  })
  const opened = await openClusterSession({
    url: options.url,
    logger,
    clock,
    retryMs,
    queryTimeoutMs: options.queryTimeoutMs ?? 10_000,
    hooks: {
      async onConnect(query) {
        if (!schemaReady) await underStartupLock(query, clock, () => query(schemaSql))
        schemaReady = true
        await news.listen(query)
      },
      onLost: () => link.leadership?.lost(),
      onNotification: (notification) => news.receive(notification),
    },
  })
  link.session = opened
  const lead = createLeadership({
    session: opened,
    clock,
    retryMs,
    onGain: () => link.replica?.gained(),
    onLose: () => link.replica?.lost(),
  })
  link.leadership = lead
  // A replica stopping for a deploy hands over at once, not at the followers' next try.
  const campaign = {
    isLeader: lead.isLeader,
    campaign: lead.campaign,
    async resign() {
      const leading = lead.isLeader()
      await lead.resign()
      if (leading) await news.resigned()
    },
  }

  return {
    shared: true,
    isLeader: lead.isLeader,
    exclusive: (fn) => underStartupLock(opened.query, clock, fn),
    gate: (local) =>
      createSharedGate({
        local,
        ledger: createLedger(opened.query, { probeLeaseMs: options.probeLeaseMs }),
        clock,
        logger,
        unavailableRetryMs: Math.min(retryMs, 1_000),
      }),
    async replicate({ create, upstream }) {
      const replica = await createReplicatedSync({
        create,
        upstream,
        campaign,
        publish: news.publish,
        logger,
        stored: leaderNews,
      })
      link.replica = replica
      return replica
    },
    upstreamStatus(local) {
      const remote = leaderNews?.upstream
      if (!remote || lead.isLeader()) return local
      return (remote.at ?? 0) > (local.at ?? 0) ? remote : local
    },
    viewsChanged: news.viewsChanged,
    onViewsChanged(listener) {
      viewListeners.add(listener)
      return () => viewListeners.delete(listener)
    },
    backendPid: opened.backendPid,
    async close() {
      await campaign.resign()
      lead.close()
      news.close()
      await opened.close()
    },
  }
}
