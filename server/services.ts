// The composition root: one store (the mirror), one upstream client, one limiter, the
// sync and the push hub, shared by every request of this process, and the cluster: how
// it shares the sync, the budget and the news with other replicas, if there are any.
import type { Clock } from './clock.ts'
import { realClock } from './clock.ts'
import { openCluster, type Cluster } from './cluster/cluster.ts'
import type { Config } from './config.ts'
import { createPushHub, type PushHub } from './http/push.ts'
import { createLogger, type Logger } from './logger.ts'
import { openStore } from './store/open-store.ts'
import type { Store } from './store/store.ts'
import { loadGrantLog } from './sync/grant-log.ts'
import { bindMirror } from './sync/mirror-binding.ts'
import { createSync, type Sync } from './sync/sync.ts'
import { createUpstreamClient, type UpstreamClient } from './upstream/client.ts'
import { createLimiter, type Limiter } from './upstream/limiter.ts'

export type Services = {
  config: Config
  logger: Logger
  clock: Clock
  store: Store
  upstream: UpstreamClient
  /**
   * Every upstream call waits here: N per 60 s, a share kept free for interactive calls;
   * with replicas, N per 60 s for all of them together.
   */
  limiter: Limiter
  /** This replica's view of the sync: runs it when it leads, else reports the leader's. */
  sync: Sync
  cluster: Cluster
  push: PushHub
  /**
   * Stops the sync, ends push streams with a last `restart` event, leaves the cluster,
   * closes the store.
   */
  shutdown: () => Promise<void>
}

export async function createServices(
  config: Config,
  overrides: Partial<Pick<Services, 'logger' | 'clock' | 'store' | 'upstream' | 'cluster'>> = {},
): Promise<Services> {
  if (!config.apiKey) throw new Error('API_KEY_ID and API_KEY_SECRET must be set')
  const secrets = [config.apiKey.secret, config.basicAuth?.password]
  const logger = overrides.logger ?? createLogger(config.logLevel, undefined, secrets)
  const clock = overrides.clock ?? realClock
  const store =
    overrides.store ??
    (await openStore(config.databaseUrl, {
      poolMax: config.databasePoolMax,
      warn: (message) => logger.warn(message),
    }))
  const cluster = overrides.cluster ?? (await openCluster(config, { logger, clock }))
  // Replicas remember their grants in the budget they share; a local log would be one
  // replica's guess, overwritten by the next.
  const grantLog = cluster.shared ? undefined : await loadGrantLog(store, logger)
  const limiter = cluster.gate(
    createLimiter({
      perMinute: config.upstreamRatePerMinute,
      interactiveShare: config.upstreamInteractiveShare,
      clock,
      grantLog,
    }),
  )
  const upstream =
    overrides.upstream ??
    createUpstreamClient({
      baseUrl: config.upstreamUrl,
      keyId: config.apiKey.id,
      keySecret: config.apiKey.secret,
      timeoutMs: config.upstreamTimeoutMs,
      gate: limiter,
      now: clock.now,
    })
  const { apiKey } = config
  // Two replicas starting together must not both find the mirror unbound and clear it.
  await cluster.exclusive(() =>
    bindMirror({ store, upstream, logger, upstreamUrl: config.upstreamUrl, keyId: apiKey.id }),
  )
  const sync = await cluster.replicate({
    upstream,
    create: () =>
      createSync({
        store,
        upstream,
        limiter,
        clock,
        logger,
        concurrency: config.crawlConcurrency,
        ttlSeconds: config.snapshotTtlSeconds,
        maxTotal: config.upstreamMaxTotal,
      }),
  })
  const push = createPushHub(sync, clock)
  cluster.onViewsChanged(() => push.viewsChanged())
  return {
    config,
    logger,
    clock,
    store,
    upstream,
    limiter,
    sync,
    cluster,
    push,
    async shutdown() {
      push.closeAll()
      await sync.stop()
      limiter.flush()
      await grantLog?.flush()
      await cluster.close()
      await store.close()
    },
  }
}
