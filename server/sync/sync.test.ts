import { afterEach, expect, test } from 'vitest'
import type { SyncStatus } from '../../src/lib/contract.ts'
import { createFakeClock, type FakeClock } from '../clock.ts'
import { createLogger } from '../logger.ts'
import {
  createFakeUpstream,
  fakeConversation,
  hangUntilAborted,
  type FakeUpstreamOptions,
} from '../testing/crawl-test-upstream.ts'
import { createMemoryStore, type MemoryStore } from '../testing/memory-store.ts'
import { withFakeMessages } from '../testing/message-test-upstream.ts'
import { createLimiter } from '../upstream/limiter.ts'
import { createSync, type Sync } from './sync.ts'

type Options = Omit<FakeUpstreamOptions, 'clock' | 'gate'> & {
  store?: MemoryStore
  clock?: FakeClock
  concurrency?: number
  maxTotal?: number
  perMinute?: number
}

const running: Sync[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((sync) => sync.stop()))
})

async function setup(options: Options) {
  const clock = options.clock ?? createFakeClock(0)
  const limiter = createLimiter({
    perMinute: options.perMinute ?? 900,
    interactiveShare: 0.2,
    clock,
  })
  const upstream = createFakeUpstream({ customers: 30, ...options, clock, gate: limiter })
  const store = options.store ?? createMemoryStore()
  const logs: string[] = []
  const sync = await createSync({
    store,
    upstream: withFakeMessages(upstream, { clock, gate: limiter }),
    limiter,
    clock,
    logger: createLogger('debug', (line) => logs.push(line)),
    concurrency: options.concurrency ?? 8,
    ttlSeconds: 60,
    maxTotal: options.maxTotal ?? 5_000_000,
    random: () => 0.5,
  })
  running.push(sync)
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
  return { clock, limiter, upstream, store, logs, sync, statuses, until }
}

const cycleDone = (status: SyncStatus) => status.complete && !status.syncing

test('says a pass is running as soon as it starts, while perform.chat hangs', async () => {
  const { sync, statuses } = await setup({
    conversations: 500,
    before: ({ signal }) => hangUntilAborted(signal),
  })
  sync.start()
  await Promise.resolve()
  expect(sync.status()).toMatchObject({ syncing: true, complete: false, loaded: 0, total: null })
  expect(statuses.at(-1)).toMatchObject({ syncing: true, complete: false })
})

test('reports rows and the total as pages land, and complete the moment the pass ends', async () => {
  const { sync, statuses, until, store } = await setup({ conversations: 1000, latencyMs: 50 })
  sync.start()
  const done = await until((status) => status.complete)
  const loading = statuses.filter((status) => !status.complete && status.total === 1000)
  expect(loading.some((status) => status.loaded > 0 && status.loaded < 1000)).toBe(true)
  expect(done).toMatchObject({
    complete: true,
    loaded: 1000,
    total: 1000,
    as_of: new Date(0).toISOString(),
    possibly_incomplete: false,
    error: null,
  })
  expect(done.version).toBe(await store.version())
  expect(await until(cycleDone)).toMatchObject({ syncing: false })
  expect(store.ids('customers')).toHaveLength(30)
})

test('builds what a first fill leaves for later once the complete list is announced, and at a restart with a complete mirror', async () => {
  const first = await setup({ conversations: 1000, latencyMs: 50 })
  const buildsWhenComplete: number[] = []
  first.sync.onStatus((status) => {
    if (status.complete) buildsWhenComplete.push(first.store.indexBuilds())
  })
  first.sync.start()
  // A first fill is not built at start: it has nothing to build yet.
  expect(first.store.indexBuilds()).toBe(0)
  await first.until(cycleDone)
  // The complete status went out before the build it allows was asked for.
  expect(buildsWhenComplete[0]).toBe(0)
  expect(first.store.indexBuilds()).toBe(1)
  await first.sync.stop()

  const second = await setup({ conversations: 1000, store: first.store, clock: first.clock })
  second.sync.start()
  expect(second.store.indexBuilds()).toBe(2)
})

test("a first sync reads the customers' first page beside the list's, and the rest after it", async () => {
  const { sync, until, store, upstream } = await setup({
    conversations: 2000,
    customers: 250,
    concurrency: 2,
    latencyMs: 50,
  })
  const order: string[] = []
  const before = upstream.get.bind(upstream)
  upstream.get = (path, request) => {
    order.push(`${path}#${String(request.query?.page)}`)
    return before(path, request)
  }
  sync.start()
  const loading = await until((status) => status.loaded >= 1000)
  expect(loading.complete).toBe(false)
  // The list's page 1 goes first (alone while the key is unproven), the customers' with
  // the list's next pages, and is written before most of the list: their rows have names.
  expect(order[0]).toBe('/conversations#1')
  expect(order).toContain('/customer-users#1')
  expect(order).not.toContain('/customer-users#2')
  const customersAt = store.writes.findIndex((write) => write.kind === 'customers')
  expect(store.writes[0]?.kind).toBe('conversations')
  const listedBefore = store.writes.slice(0, customersAt).flatMap((write) => write.ids)
  expect(listedBefore.length).toBeLessThanOrEqual(300)
  // The rest once the list is complete; every page of either list read once.
  await until(cycleDone)
  expect(store.ids('customers')).toHaveLength(250)
  for (const page of [1, 2, 3]) expect(upstream.reads(page, '/customer-users')).toBe(1)
  const listDone = order.lastIndexOf('/conversations#20')
  expect(order.indexOf('/customer-users#2')).toBeGreaterThan(listDone)
})

test('a restarted server with a complete mirror says so before it calls upstream', async () => {
  const first = await setup({ conversations: 300 })
  first.sync.start()
  const finished = await first.until(cycleDone)
  await first.sync.stop()
  const second = await setup({ conversations: 300, store: first.store, clock: first.clock })
  expect(second.sync.status()).toMatchObject({
    complete: true,
    loaded: 300,
    total: 300,
    as_of: finished.as_of,
  })
  second.sync.start()
  expect(second.upstream.counts.requests).toBe(0)
  expect(second.statuses.every((status) => status.complete)).toBe(true)
})

test('a restarted first sync continues its pass instead of reading its pages again', async () => {
  const store = createMemoryStore()
  let listCalls = 0
  const first = await setup({
    conversations: 2000,
    concurrency: 2,
    store,
    // The customers' first page, read beside the list's, is answered.
    before: ({ path, signal }) =>
      path === '/conversations' && ++listCalls > 6 ? hangUntilAborted(signal) : undefined,
  })
  first.sync.start()
  await first.until((status) => status.loaded === 600)
  await first.sync.stop()
  const second = await setup({ conversations: 2000, concurrency: 2, store })
  second.sync.start()
  expect(await second.until((status) => status.complete)).toMatchObject({ loaded: 2000 })
  const pages = Array.from({ length: 20 }, (_, i) => i + 1)
  expect(pages.filter((page) => second.upstream.reads(page) > 0)).toEqual(pages.slice(6))
})

test('an oversized page is an error the operator sees, not work', async () => {
  const { sync, upstream, store, logs, clock, until } = await setup({
    conversations: 1000,
    answer: (request, answer) =>
      request.page === 2
        ? { ...answer, data: [...answer.data, fakeConversation(5000), fakeConversation(5001)] }
        : answer,
  })
  await store.upsertConversations([fakeConversation(9000)])
  sync.start()
  const failed = await until((status) => status.error !== null)
  expect(failed.error).toEqual({
    code: 'upstream_inconsistent',
    message: expect.stringContaining(
      'perform.chat sent 102 conversations on page 2 of the list, more than the 100 asked for',
    ) as string,
  })
  expect(store.ids('conversations')).not.toContain('conv_5000')
  const requests = upstream.counts.requests
  await clock.advance(59_000)
  expect(upstream.counts.requests).toBe(requests)
  expect(store.ids('conversations')).toContain('conv_9000')
  expect(logs.some((line) => line.includes('"level":"error"') && line.includes('page 2'))).toBe(
    true,
  )
})

test('a page count that does not follow from the total stops the pass', async () => {
  const { sync, upstream, clock, until } = await setup({
    conversations: 1000,
    answer: (_request, answer) => ({
      ...answer,
      pagination: { ...answer.pagination, total_pages: 7 },
    }),
  })
  sync.start()
  const failed = await until((status) => status.error !== null)
  expect(failed.error?.message).toContain(
    'perform.chat says 1,000 conversations fill 7 pages of 100, which would be 10',
  )
  const requests = upstream.counts.requests
  await clock.advance(59_000)
  expect(upstream.counts.requests).toBe(requests)
  expect(failed.complete).toBe(false)
})

test('a total beyond UPSTREAM_MAX_TOTAL stops the pass before any page past the first is asked for', async () => {
  const { sync, upstream, clock, until } = await setup({
    conversations: 1000,
    concurrency: 2,
    maxTotal: 500,
  })
  sync.start()
  const failed = await until((status) => status.error !== null)
  expect(failed.error?.message).toContain(
    'perform.chat reports 1,000 conversations, more than UPSTREAM_MAX_TOTAL (500) allows',
  )
  await clock.advance(59_000)
  expect(upstream.counts.requests).toBe(1)
})

test('loads 10,000 conversations at 50 ms a request in under 0.66 s', async () => {
  const { sync, clock, until } = await setup({
    conversations: 10_000,
    latencyMs: 50,
    concurrency: 16,
  })
  sync.start()
  await until((status) => status.complete)
  // The seed read the same 100 pages one after another: 5.3 s.
  expect(clock.now()).toBeLessThanOrEqual(660)
})

test('shows a new conversation within a minute while full passes stay rare on a newest-first list', async () => {
  const fullPassesAt: number[] = []
  // A budget of 80 crawl calls a minute: paced full passes get 40 a minute.
  const { sync, upstream, store, clock, until } = await setup({
    conversations: 5000,
    perMinute: 100,
    before: ({ page }) => {
      if (page === 50) fullPassesAt.push(clock.now())
    },
  })
  sync.start()
  await until(cycleDone)
  const cycleEnded = clock.now()
  await clock.advance(1000)
  upstream.insertAtHead(2)
  await clock.runUntil(
    new Promise<void>((resolve) => {
      const stop = sync.onStatus(() => {
        if (!store.ids('conversations').includes('conv_5002')) return
        stop()
        resolve()
      })
    }),
  )
  expect(clock.now() - cycleEnded).toBeLessThanOrEqual(61_000)
  expect(fullPassesAt).toHaveLength(1)
  await clock.advance(180_000)
  // A cycle costs at least 51 requests, so an old page is read again 51 ÷ 40 minutes later at the soonest.
  const [first, second] = fullPassesAt
  expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(76_500)
})

test('reads full passes back to back, never sooner than the TTL, when the list is not newest first', async () => {
  const { sync, upstream, store, clock, until } = await setup({
    conversations: 5000,
    perMinute: 100,
    order: 'shuffled',
  })
  sync.start()
  await until(cycleDone)
  upstream.insertAtHead(2)
  await clock.advance(59_000 - clock.now())
  // No head refresh: the order does not say where new conversations appear.
  expect(upstream.reads(1)).toBe(1)
  expect(store.ids('conversations')).not.toContain('conv_5002')
  // The next pass starts at 60 s; its pages are written 100 ms apart (page-batches.ts).
  await clock.advance(2000)
  expect(upstream.reads(50)).toBe(2)
  expect(store.ids('conversations')).toContain('conv_5002')
})
