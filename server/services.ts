// The composition root: one upstream client, one limiter and the snapshot stores,
// shared by every request of this process.
import type { Conversation, CustomerUser } from '../src/lib/contract.ts'
import { realClock, type Clock } from './clock.ts'
import type { Config } from './config.ts'
import { createLimiter, type Limiter } from './upstream/limiter.ts'
import { createLogger, type Logger } from './logger.ts'
import { createConversationSnapshot, createCustomerIndex } from './sync/snapshot-sources.ts'
import type { SnapshotStore } from './sync/snapshot-store.ts'
import { createUpstreamClient, type UpstreamClient } from './upstream/client.ts'

export type Services = {
  config: Config
  logger: Logger
  upstream: UpstreamClient
  clock: Clock
  /** Every upstream call waits here: N per 60 s, a share kept free for interactive calls. */
  limiter: Limiter
  conversations: SnapshotStore<Conversation>
  /** The customer index: /api/customers?q= and /api/customers/snapshot. */
  customers: SnapshotStore<CustomerUser>
}

export function createServices(config: Config, overrides: Partial<Services> = {}): Services {
  if (!config.apiKey) throw new Error('API_KEY_ID and API_KEY_SECRET must be set')
  const secrets = [config.apiKey.secret, config.basicAuth?.password]
  const logger = overrides.logger ?? createLogger(config.logLevel, undefined, secrets)
  const clock = overrides.clock ?? realClock
  const limiter =
    overrides.limiter ??
    createLimiter({
      perMinute: config.upstreamRatePerMinute,
      interactiveShare: config.upstreamInteractiveShare,
      clock,
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
  const deps = {
    upstream,
    limiter,
    clock,
    logger,
    concurrency: config.crawlConcurrency,
    ttlSeconds: config.snapshotTtlSeconds,
  }
  return {
    config,
    logger,
    upstream,
    clock,
    limiter,
    conversations: overrides.conversations ?? createConversationSnapshot(deps),
    customers: overrides.customers ?? createCustomerIndex(deps),
  }
}
