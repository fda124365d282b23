// The composition root: one store (the mirror), one upstream client, one limiter, the
// sync and the push hub, shared by every request of this process.
import type { Clock } from './clock.ts'
import { realClock } from './clock.ts'
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
  /** Every upstream call waits here: N per 60 s, a share kept free for interactive calls. */
  limiter: Limiter
  sync: Sync
  push: PushHub
  /** Stops the sync, ends push streams with a last `restart` event, closes the store. */
  shutdown: () => Promise<void>
}

export async function createServices(
  config: Config,
  overrides: Partial<Pick<Services, 'logger' | 'clock' | 'store' | 'upstream'>> = {},
): Promise<Services> {
  if (!config.apiKey) throw new Error('API_KEY_ID and API_KEY_SECRET must be set')
  const secrets = [config.apiKey.secret, config.basicAuth?.password]
  const logger = overrides.logger ?? createLogger(config.logLevel, undefined, secrets)
  const clock = overrides.clock ?? realClock
  const store = overrides.store ?? (await openStore(config.databaseUrl))
  const grantLog = await loadGrantLog(store, logger)
  const limiter = createLimiter({
    perMinute: config.upstreamRatePerMinute,
    interactiveShare: config.upstreamInteractiveShare,
    clock,
    grantLog,
  })
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
  await bindMirror({
    store,
    upstream,
    logger,
    upstreamUrl: config.upstreamUrl,
    keyId: config.apiKey.id,
  })
  const sync = await createSync({
    store,
    upstream,
    limiter,
    clock,
    logger,
    concurrency: config.crawlConcurrency,
    ttlSeconds: config.snapshotTtlSeconds,
    maxTotal: config.upstreamMaxTotal,
  })
  const push = createPushHub(sync, clock)
  return {
    config,
    logger,
    clock,
    store,
    upstream,
    limiter,
    sync,
    push,
    async shutdown() {
      push.closeAll()
      await sync.stop()
      limiter.flush()
      await grantLog.flush()
      await store.close()
    },
  }
}
