// How this process shares the work with other replicas of the dashboard, if any. One
// process on SQLite is the whole deployment: it always leads, its limiter is the budget,
// and nothing is published (single-process-cluster.ts). Replicas on one PostgreSQL elect
// one sync leader, share one upstream budget and hear the leader's status and each
// other's view changes (postgres-cluster.ts).
import type { Clock } from '../clock.ts'
import type { Config } from '../config.ts'
import type { Logger } from '../logger.ts'
import type { Sync } from '../sync/sync.ts'
import type { UpstreamClient, UpstreamStatus } from '../upstream/client.ts'
import type { Limiter } from '../upstream/limiter.ts'
import type { SharedGate } from './shared-gate.ts'
import { singleProcessCluster } from './single-process-cluster.ts'

export type Cluster = {
  /** Several replicas share the budget: grants are remembered there, not in a local log. */
  readonly shared: boolean
  /** Whether this replica runs the sync now. */
  isLeader: () => boolean
  /** Runs `fn` while no other replica runs its own (start-up steps that must not race). */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>
  /** The gate every upstream call of this replica passes. */
  gate: (local: Limiter) => Limiter | SharedGate
  /** The sync as this replica serves it: start() runs it here, or as soon as this replica leads. */
  replicate: (deps: {
    create: () => Promise<Sync>
    upstream: Pick<UpstreamClient, 'status'>
  }) => Promise<Sync>
  /** The upstream state as this replica or the leader saw it last, whichever is newer. */
  upstreamStatus: (local: UpstreamStatus) => UpstreamStatus
  /** Tells the other replicas that the saved views changed. */
  viewsChanged: () => void
  /** Called when another replica changed the saved views. */
  onViewsChanged: (listener: () => void) => () => void
  close: () => Promise<void>
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url.trim())

export async function openCluster(
  config: Pick<Config, 'databaseUrl' | 'upstreamTimeoutMs'>,
  deps: { logger: Logger; clock: Clock },
): Promise<Cluster> {
  if (!isPostgresUrl(config.databaseUrl)) return singleProcessCluster
  // Loaded only here: one process on SQLite never loads the PostgreSQL driver.
  const { openPostgresCluster } = await import('./postgres-cluster.ts')
  return openPostgresCluster({
    ...deps,
    url: config.databaseUrl.trim(),
    // A probe of the key is over when its request is: answered or timed out.
    probeLeaseMs: config.upstreamTimeoutMs + 5_000,
  })
}
