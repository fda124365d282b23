import { expect, test } from 'vitest'
import { createFakeClock } from '../clock.ts'
import {
  createFakeUpstream,
  fakeConversation,
  type FakeUpstreamOptions,
} from '../testing/crawl-test-upstream.ts'
import { createMemoryStore, type MemoryStore } from '../testing/memory-store.ts'
import { StoreError } from '../store/store-error.ts'
import { upstreamErrors } from '../upstream/errors.ts'
import { createLimiter } from '../upstream/limiter.ts'
import { createConcurrency } from './crawl-concurrency.ts'
import { defaultRetryPolicy } from './crawl-retry.ts'
import { runFullPass } from './full-pass.ts'
import { conversationList, listPageFetcher } from './list-source.ts'

type Options = Omit<FakeUpstreamOptions, 'clock' | 'gate'>

function setup(options: Options, width = 4, store: MemoryStore = createMemoryStore()) {
  const clock = createFakeClock(0)
  const limiter = createLimiter({ perMinute: 900, interactiveShare: 0.2, clock })
  const upstream = createFakeUpstream({ clock, gate: limiter, ...options })
  const start = (signal = new AbortController().signal, holdAfterFirstPage?: Promise<void>) =>
    runFullPass({
      ...(holdAfterFirstPage ? { holdAfterFirstPage } : {}),
      list: conversationList,
      fetchPage: listPageFetcher(upstream, conversationList, 100, 5_000_000),
      store,
      clock,
      limit: 100,
      concurrency: createConcurrency({ max: width, clock }),
      retry: {
        clock,
        policy: defaultRetryPolicy,
        random: () => 0.5,
        pause: limiter.pause,
        onRateLimited: () => undefined,
      },
      signal,
    })
  const pass = () => clock.runUntil(start())
  return { clock, limiter, upstream, store, start, pass }
}

const idsOf = (rows: readonly { id: string }[]) => rows.map((row) => row.id)
const hang = () => new Promise<void>(() => undefined)

test('writes the first page at once, then the pages that arrived meanwhile together, at most every 100 ms', async () => {
  const { clock, upstream, store, start } = setup({ conversations: 1050, latencyMs: 50 }, 3)
  const writtenAt: number[] = []
  const upsert = store.upsertConversations.bind(store)
  store.upsertConversations = (rows) => {
    writtenAt.push(clock.now())
    return upsert(rows)
  }
  let done = false
  const running = start().finally(() => (done = true))
  await clock.advance(50)
  expect(done).toBe(false)
  // The first pages answered together: the first is written, the others wait their turn.
  expect(store.ids('conversations')).toHaveLength(100)
  expect(writtenAt).toEqual([50])
  const result = await clock.runUntil(running)
  expect(result).toMatchObject({ total: 1050, trustworthy: true, requests: 11, rereadPages: 0 })
  // 11 pages in fewer transactions, 100 ms apart: each page waited at most that long. The
  // last pages do not wait their turn: nothing more is coming, and the pass ends there.
  expect(writtenAt.length).toBeLessThan(8)
  const gaps = writtenAt.slice(1).map((at, i) => at - (writtenAt[i] ?? 0))
  expect(gaps.slice(0, -1)).toEqual(gaps.slice(0, -1).map(() => 100))
  expect(gaps.at(-1)).toBeLessThan(100)
  expect(writtenAt.at(-1)).toBe(result.endedAt)
  expect(store.writes.map((write) => write.ids.length).reduce((a, b) => a + b)).toBe(1050)
  expect(new Set(store.ids('conversations'))).toEqual(new Set(idsOf(upstream.conversations)))
  expect(upstream.counts.maxInFlight).toBe(3)
})

test('a failed write stops the pass with the store error and asks for no more pages', async () => {
  const { clock, upstream, store, start } = setup({ conversations: 5000, latencyMs: 50 }, 4)
  const upsert = store.upsertConversations.bind(store)
  let calls = 0
  store.upsertConversations = (rows) =>
    ++calls === 2
      ? Promise.reject(new StoreError('disk_full', 'The disk holding the mirror is full.'))
      : upsert(rows)
  const outcome = start().then(
    () => 'finished',
    (error: unknown) => error,
  )
  await expect(clock.runUntil(outcome)).resolves.toMatchObject({ code: 'disk_full' })
  const asked = upstream.counts.requests
  await clock.advance(10_000)
  expect(upstream.counts.requests).toBe(asked)
  expect(asked).toBeLessThan(20)
  expect(store.ids('conversations')).toHaveLength(100)
})

test('asks for the first pages at once, before the total is known', async () => {
  const askedAt = new Map<number, number>()
  const { clock, pass } = setup(
    {
      conversations: 2000,
      latencyMs: 50,
      before: ({ page }) => void askedAt.set(page, clock.now()),
    },
    8,
  )
  await pass()
  // Half the ceiling at once, then wider as answers come back as fast.
  expect([1, 2, 3, 4, 5].map((page) => askedAt.get(page))).toEqual([25, 25, 25, 25, 75])
})

test('ignores a refused page past the end that was asked for before the total was known', async () => {
  const { store, pass } = setup({
    conversations: 150,
    before: ({ page }) => {
      if (page > 2) throw upstreamErrors.status(400, '{"message":"page out of range"}')
    },
  })
  const result = await pass()
  expect(result).toMatchObject({ total: 150, trustworthy: true })
  expect(store.ids('conversations')).toHaveLength(150)
})

test('held after its first page, a pass writes that page at once and reads the rest once released', async () => {
  const { clock, upstream, store, start } = setup({ conversations: 450, latencyMs: 50 }, 4)
  let release: () => void = () => undefined
  const hold = new Promise<void>((resolve) => (release = resolve))
  const running = start(undefined, hold)
  await clock.advance(1000)
  expect(upstream.counts.requests).toBe(1)
  expect(store.ids('conversations')).toHaveLength(100)
  release()
  const result = await clock.runUntil(running)
  expect(result).toMatchObject({ total: 450, trustworthy: true })
  expect(store.ids('conversations')).toHaveLength(450)
  for (const page of [1, 2, 3, 4, 5]) expect(upstream.reads(page)).toBe(1)
})

test('a hold that fails stops the pass after its first page, which a later pass resumes from', async () => {
  const store = createMemoryStore()
  const first = setup({ conversations: 450 }, 4, store)
  // Rejected before the pass looks at it, as a list can fail before the customers' page 1
  // is in: the pass must not leave that rejection unhandled.
  const hold = Promise.reject(new Error('the list failed'))
  await expect(first.clock.runUntil(first.start(undefined, hold))).rejects.toThrow(
    'the list failed',
  )
  expect(store.ids('conversations')).toHaveLength(100)
  const again = setup({ conversations: 450 }, 4, store)
  expect(await again.pass()).toMatchObject({ resumed: true, trustworthy: true })
  expect([2, 3, 4, 5].every((page) => again.upstream.reads(page) === 1)).toBe(true)
})

test('deletes the conversations a complete pass did not see', async () => {
  const { store, pass } = setup({ conversations: 250 })
  await store.upsertConversations([fakeConversation(9000)])
  const result = await pass()
  expect(result).toMatchObject({ trustworthy: true, deleted: 1 })
  expect(store.ids('conversations')).not.toContain('conv_9000')
  expect(store.ids('conversations')).toHaveLength(250)
})

test('does not search for unseen rows when the pass read as many rows as the mirror holds', async () => {
  const { store, pass } = setup({ conversations: 250 })
  await store.upsertConversations([fakeConversation(200), fakeConversation(100)])
  const searches: number[] = []
  const deleteUnseen = store.deleteUnseen.bind(store)
  store.deleteUnseen = (kind, mark) => {
    searches.push(mark)
    return deleteUnseen(kind, mark)
  }
  expect(await pass()).toMatchObject({ trustworthy: true, deleted: 0 })
  expect(searches).toEqual([])
  // One row more than the pass read: the search runs, and finds it.
  await store.upsertConversations([fakeConversation(9000)])
  expect(await pass()).toMatchObject({ trustworthy: true, deleted: 1 })
  expect(searches).toHaveLength(1)
  expect(store.ids('conversations')).toHaveLength(250)
})

test('keeps every row that existed at the start when rows arrive at the head mid-pass', async () => {
  const { upstream, store, pass } = setup({
    conversations: 1000,
    latencyMs: 20,
    before: ({ call }) => {
      if (call === 4 || call === 7) upstream.insertAtHead(37)
    },
  })
  const original = idsOf(upstream.conversations)
  const result = await pass()
  const kept = new Set(store.ids('conversations'))
  expect(original.filter((id) => !kept.has(id))).toEqual([])
  expect(result).toMatchObject({ total: 1074, trustworthy: true })
  expect(result.rereadPages).toBeGreaterThan(0)
})

test('stays trustworthy when rows keep arriving at the head during every request', async () => {
  const { upstream, store, pass } = setup({
    conversations: 2000,
    latencyMs: 20,
    before: () => upstream.insertAtHead(3),
  })
  const original = idsOf(upstream.conversations)
  const result = await pass()
  const kept = new Set(store.ids('conversations'))
  expect(original.filter((id) => !kept.has(id))).toEqual([])
  expect(result.trustworthy).toBe(true)
})

test('still reads every row when one is deleted upstream mid-pass', async () => {
  const { upstream, store, pass } = setup(
    {
      conversations: 1000,
      latencyMs: 20,
      before: ({ call }) => {
        if (call === 5) upstream.conversations.splice(50, 1)
      },
    },
    2,
  )
  const original = idsOf(upstream.conversations)
  const result = await pass()
  const kept = new Set(store.ids('conversations'))
  // Rows older than the deleted one move up a place; the pages they left are read again.
  expect(original.filter((id) => !kept.has(id))).toEqual([])
  expect(result).toMatchObject({ total: 999, trustworthy: true })
  expect(result.rereadPages).toBeGreaterThan(0)
})

test('deletes nothing when a row moves to the head without the total changing', async () => {
  const { upstream, store, pass } = setup(
    {
      conversations: 1000,
      latencyMs: 20,
      before: ({ call }) => {
        if (call !== 6) return
        const [moved] = upstream.conversations.splice(850, 1)
        if (moved) upstream.conversations.unshift(moved)
      },
    },
    2,
  )
  await store.upsertConversations([fakeConversation(9000)])
  const result = await pass()
  expect(result).toMatchObject({ total: 1000, trustworthy: false, deleted: 0 })
  expect(store.ids('conversations')).toContain('conv_9000')
})

test('re-reads a page that keeps coming back short at most twice more', async () => {
  const { upstream, pass } = setup({
    conversations: 500,
    answer: (request, answer) =>
      request.page === 3 ? { ...answer, data: answer.data.slice(0, 99) } : answer,
  })
  const result = await pass()
  expect(result).toMatchObject({ trustworthy: false, rereadPages: 2 })
  expect(upstream.reads(3)).toBe(3)
})

test('waits out a 429 Retry-After, then reads the same page again', async () => {
  let limited = false
  const { clock, upstream, limiter, pass } = setup({
    conversations: 800,
    before: ({ page }) => {
      if (page === 4 && !limited) {
        limited = true
        throw upstreamErrors.rateLimited(7)
      }
    },
  })
  const result = await pass()
  expect(result).toMatchObject({ trustworthy: true, total: 800 })
  expect(upstream.reads(4)).toBe(2)
  // The pause held every call back, so nothing reached upstream during those 7 s.
  expect(limiter.stats().granted).toBe(upstream.counts.requests)
  expect(clock.now()).toBeGreaterThanOrEqual(7000)
})

test('retries a 500 with backoff and succeeds', async () => {
  let failures = 0
  const { clock, upstream, pass } = setup({
    conversations: 300,
    before: ({ page }) => {
      if (page === 2 && failures < 3) {
        failures++
        throw upstreamErrors.status(500, '')
      }
    },
  })
  const result = await pass()
  expect(result).toMatchObject({ trustworthy: true, requests: 6 })
  expect(upstream.reads(2)).toBe(4)
  // Equal jitter at random 0.5: 375 + 750 + 1500 ms.
  expect(clock.now()).toBe(2625)
})

test('fails with the upstream error after 4 retries of a 500, its progress kept', async () => {
  const { upstream, store, pass } = setup({
    conversations: 300,
    before: ({ page }) => {
      if (page === 2) throw upstreamErrors.status(500, '')
    },
  })
  await expect(pass()).rejects.toMatchObject({ code: 'upstream_error' })
  expect(upstream.reads(2)).toBe(5)
  expect(await store.getState('sync.conversations.pass')).toMatchObject({
    startTotal: 300,
    covered: [
      [0, 100],
      [200, 300],
    ],
  })
})

test('fails at once on a 401 without a second attempt', async () => {
  const { upstream, pass } = setup({
    conversations: 900,
    before: ({ page }) => {
      if (page === 5) throw upstreamErrors.unauthorized('crawl-test-key')
    },
  })
  await expect(pass()).rejects.toMatchObject({ code: 'upstream_unauthorized' })
  expect(upstream.reads(5)).toBe(1)
})

test('paces 1,000 pages to the window without a single 429', async () => {
  const { clock, upstream, pass } = setup(
    { conversations: 100_000, latencyMs: 50, perMinute: 1000 },
    8,
  )
  const result = await pass()
  expect(result).toMatchObject({ trustworthy: true, requests: 1000 })
  expect(upstream.counts.rateLimited).toBe(0)
  // 720 crawl calls fit one window, so the floor is one full window: (⌈1000 ÷ 720⌉ − 1) × 60 s.
  expect(clock.now()).toBeGreaterThanOrEqual(60_000)
  expect(clock.now()).toBeLessThan(66_000)
})

test('a pass resumed after its process was killed does not read again the pages it wrote', async () => {
  const store = createMemoryStore()
  await store.upsertConversations([fakeConversation(9000)])
  // The first process answers five requests, then hangs for ever: it is killed there.
  const killed = setup(
    { conversations: 1000, before: ({ call }) => (call > 5 ? hang() : undefined) },
    2,
    store,
  )
  void killed.start()
  await killed.clock.advance(1000)
  expect(store.ids('conversations')).toHaveLength(1 + 500)
  const restarted = setup({ conversations: 1000 }, 2, store)
  const result = await restarted.pass()
  const pages = Array.from({ length: 10 }, (_, i) => i + 1)
  expect(pages.filter((page) => restarted.upstream.reads(page) > 0)).toEqual([6, 7, 8, 9, 10])
  expect(restarted.upstream.counts.requests).toBe(5)
  expect(result).toMatchObject({ resumed: true, startedAt: 0, trustworthy: true, deleted: 1 })
  expect(store.ids('conversations')).toHaveLength(1000)
})
