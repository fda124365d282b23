// Test helper: a whole sync (lists and messages) on a fake clock, the shared limiter, the
// fake perform.chat of crawl-test-upstream.ts with its messages, and the in-memory store,
// with a way to run the clock until the sync's status says something.
import type { SyncStatus } from '../../src/lib/contract.ts'
import { createFakeClock, type FakeClock } from '../clock.ts'
import { createLogger } from '../logger.ts'
import { createSync } from '../sync/sync.ts'
import { createLimiter, type Limiter, type Priority } from '../upstream/limiter.ts'
import { createFakeUpstream } from './crawl-test-upstream.ts'
import { createMemoryStore, type MemoryStore } from './memory-store.ts'
import { withFakeMessages, type FakeMessagesOptions } from './message-test-upstream.ts'

export type MessageSyncSetupOptions = Omit<FakeMessagesOptions, 'clock' | 'gate'> & {
  conversations: number
  customers?: number
  store?: MemoryStore
  clock?: FakeClock
  perMinute?: number
  concurrency?: number
}

export async function setupMessageSync(options: MessageSyncSetupOptions) {
  const clock = options.clock ?? createFakeClock(0)
  const limiter = createLimiter({
    perMinute: options.perMinute ?? 900,
    interactiveShare: 0.2,
    clock,
  })
  // What reached the front of the limiter, and when: the budget each priority used.
  const grants: { priority: Priority; at: number }[] = []
  const gate: Pick<Limiter, 'acquire'> = {
    acquire: async (priority, signal, acquireOptions) => {
      await limiter.acquire(priority, signal, acquireOptions)
      grants.push({ priority, at: clock.now() })
    },
  }
  const list = createFakeUpstream({
    conversations: options.conversations,
    customers: options.customers ?? 30,
    latencyMs: options.latencyMs,
    clock,
    gate,
  })
  const upstream = withFakeMessages(list, { ...options, clock, gate })
  const store = options.store ?? createMemoryStore()
  const logs: string[] = []
  const sync = await createSync({
    store,
    upstream,
    limiter,
    clock,
    logger: createLogger('debug', (line) => logs.push(line)),
    concurrency: options.concurrency ?? 8,
    ttlSeconds: 60,
    maxTotal: 5_000_000,
    random: () => 0.5,
  })
  const statuses: SyncStatus[] = []
  sync.onStatus((status) => statuses.push(status))
  /** Runs the fake clock until the sync's status matches. */
  const until = (matches: (status: SyncStatus) => boolean) =>
    clock.runUntil(
      new Promise<SyncStatus>((resolve) => {
        if (matches(sync.status())) return resolve(sync.status())
        const stop = sync.onStatus((status) => {
          if (!matches(status)) return
          stop()
          resolve(status)
        })
      }),
    )
  return { clock, limiter, grants, list, upstream, store, logs, sync, statuses, until }
}

/** Every conversation in the mirror has its messages. */
export const allSearched = (status: SyncStatus) =>
  status.complete &&
  status.messages !== undefined &&
  status.messages.total === status.loaded &&
  status.messages.searched === status.messages.total
