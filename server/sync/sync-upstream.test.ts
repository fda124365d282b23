// The sync against the mock perform.chat over real loopback HTTP: the same upstream
// client and limiter the server runs, faults switched on in the mock, and once the real
// SQLite store.
import { http } from 'msw'
import { afterEach, expect, test } from 'vitest'
import { insertConversations } from '../../mocks/data.ts'
import { demoKey, startMockUpstream } from '../../mocks/upstream-server.ts'
import type { SyncStatus } from '../../src/lib/contract.ts'
import { realClock } from '../clock.ts'
import { createLogger } from '../logger.ts'
import { openStore } from '../store/open-store.ts'
import { createMemoryStore } from '../testing/memory-store.ts'
import { createUpstreamClient } from '../upstream/client.ts'
import { createLimiter } from '../upstream/limiter.ts'
import type { SyncStore } from './sync-store.ts'
import { createSync, type Sync } from './sync.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setup(
  conversations: number,
  options: { keySecret?: string; store?: SyncStore } = {},
) {
  const mock = await startMockUpstream({ dbOptions: { conversations, customers: 30 } })
  cleanups.push(() => mock.close())
  const memory = createMemoryStore()
  const store = options.store ?? memory
  const limiter = createLimiter({ perMinute: 900, interactiveShare: 0.2, clock: realClock })
  const upstream = createUpstreamClient({
    baseUrl: mock.url,
    keyId: demoKey.keyId,
    keySecret: options.keySecret ?? demoKey.keySecret,
    timeoutMs: 5000,
    gate: limiter,
  })
  const start = async () => {
    const sync = await createSync({
      store,
      upstream,
      limiter,
      clock: realClock,
      logger: createLogger('error', () => undefined),
      concurrency: 8,
      ttlSeconds: 60,
      maxTotal: 5_000_000,
      retry: { retries: 4, baseDelayMs: 10, maxDelayMs: 50, maxRateLimitWaits: 5 },
    })
    cleanups.push(() => sync.stop())
    return sync
  }
  return { mock, memory, start }
}

function until(sync: Sync, matches: (status: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    if (matches(sync.status())) return resolve(sync.status())
    const stop = sync.onStatus((status) => {
      if (!matches(status)) return
      stop()
      resolve(status)
    })
  })
}

const cycleDone = (status: SyncStatus) => status.complete && !status.syncing
const idsOf = (rows: readonly { id: string }[]) => rows.map((row) => row.id)

test('fills the mirror with every conversation and customer through latency', async () => {
  const { mock, memory, start } = await setup(1234)
  mock.faults.set({ latencyMs: 20 })
  const sync = await start()
  sync.start()
  expect(await until(sync, cycleDone)).toMatchObject({ loaded: 1234, total: 1234, error: null })
  expect(new Set(memory.ids('conversations'))).toEqual(new Set(idsOf(mock.db.conversations)))
  expect(memory.ids('customers')).toHaveLength(30)
  expect(mock.stats().byStatus).toEqual({ '200': mock.stats().requests })
})

test('waits out a 429 with Retry-After and retries 500s without failing', async () => {
  const { mock, start } = await setup(650)
  mock.faults.set({ status500: 2, status429: { count: 1, retryAfterSeconds: 1 } })
  const sync = await start()
  const started = Date.now()
  sync.start()
  expect(await until(sync, (status) => status.complete)).toMatchObject({
    loaded: 650,
    possibly_incomplete: false,
  })
  expect(mock.stats().byStatus).toMatchObject({ '500': 2, '429': 1 })
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
})

test('keeps every conversation that existed at the start while new ones arrive at the head', async () => {
  const { mock, memory, start } = await setup(2000)
  const original = idsOf(mock.db.conversations)
  let calls = 0
  mock.use(
    // Falls through to the real handler after changing the list, as arrivals do.
    http.get(`${mock.url}/conversations`, () => {
      calls++
      if (calls === 3 || calls === 9 || calls === 14) insertConversations(mock.db, 30)
    }),
  )
  mock.faults.set({ latencyMs: 5 })
  const sync = await start()
  sync.start()
  const done = await until(sync, (status) => status.complete)
  const kept = new Set(memory.ids('conversations'))
  expect(original.filter((id) => !kept.has(id))).toEqual([])
  expect(done).toMatchObject({ total: 2090, possibly_incomplete: false })
})

test('a rejected key costs one request, and the status names the variables to check', async () => {
  const { mock, start } = await setup(500, { keySecret: 'wrong-secret' })
  const sync = await start()
  sync.start()
  const failed = await until(sync, (status) => status.error !== null)
  expect(failed).toMatchObject({ complete: false, error: { code: 'upstream_unauthorized' } })
  expect(failed.error?.message).toContain('API_KEY_SECRET')
  expect(mock.stats()).toEqual({ requests: 1, byStatus: { '401': 1 } })
})

test('writes the SQLite mirror, which a restarted sync serves as complete at once', async () => {
  const store = await openStore('file::memory:')
  cleanups.push(() => store.close())
  const { mock, start } = await setup(345, { store })
  const first = await start()
  first.start()
  const done = await until(first, cycleDone)
  expect(await store.counts()).toEqual({ conversations: 345, customers: 30 })
  const page = await store.listConversations({
    page: 1,
    limit: 5,
    sort: { column: 'updated_at', desc: true },
    customer: '',
    q: '',
    text: '',
  })
  expect(page.total).toBe(345)
  await first.stop()
  const requests = mock.stats().requests
  const second = await start()
  expect(second.status()).toMatchObject({ complete: true, loaded: 345, as_of: done.as_of })
  expect(mock.stats().requests).toBe(requests)
})
