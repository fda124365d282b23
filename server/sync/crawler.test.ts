import { expect, test } from 'vitest'
import { createFakeClock } from '../clock.ts'
import { crawlAll, type CrawlProgress } from './crawler.ts'
import { createFakeUpstream, type FakeUpstreamOptions, type Row } from '../testing/crawl-test-upstream.ts'
import { createLimiter } from '../upstream/limiter.ts'
import { upstreamErrors } from '../upstream/errors.ts'

function setup(options: Omit<FakeUpstreamOptions, 'clock'>, concurrency = 4) {
  const clock = createFakeClock(0)
  const upstream = createFakeUpstream({ clock, ...options })
  const limiter = createLimiter({ perMinute: 900, interactiveShare: 0.2, clock })
  const events: CrawlProgress<Row>[] = []
  const crawl = () =>
    clock.runUntil(
      crawlAll({
        // Every call waits for the limiter, as the upstream client makes it do.
        fetchPage: async (page, limit, signal) => {
          await limiter.acquire('crawl', signal)
          return upstream.fetchPage(page, limit, signal)
        },
        concurrency,
        clock,
        limiter,
        random: () => 0.5,
        onProgress: (event) => events.push(event),
      }),
    )
  return { clock, upstream, limiter, events, crawl }
}

const ids = (rows: readonly Row[]) => rows.map((row) => row.id)

test('reads every row once with at most `concurrency` requests in flight', async () => {
  const { upstream, events, crawl } = setup({ total: 1050, latencyMs: 50 }, 3)
  const result = await crawl()
  expect(result).toMatchObject({
    total: 1050,
    complete: true,
    moved: false,
    requests: 11,
    rereadPages: 0,
  })
  expect(new Set(ids(result.rows)).size).toBe(1050)
  expect(upstream.counts.maxInFlight).toBe(3)
  expect(events[0]).toEqual({ type: 'total', total: 1050 })
  const streamed = events.flatMap((event) => (event.type === 'rows' ? event.rows : []))
  expect(streamed).toHaveLength(1050)
})

test('keeps every row that existed at the start when rows arrive at the head mid-crawl', async () => {
  const { upstream, crawl } = setup({
    total: 1000,
    latencyMs: 20,
    before: (_page, call) => {
      if (call === 4 || call === 7) upstream.insertAtHead(37)
    },
  })
  const original = ids(upstream.rows)
  const result = await crawl()
  const got = ids(result.rows)
  expect(new Set(got).size).toBe(got.length)
  expect(original.filter((id) => !got.includes(id))).toEqual([])
  expect(result).toMatchObject({ total: 1074, complete: true, moved: true })
  expect(result.rereadPages).toBeGreaterThan(0)
})

test('stays complete when rows keep arriving at the head during every request', async () => {
  const { upstream, crawl } = setup({
    total: 2000,
    latencyMs: 20,
    before: () => upstream.insertAtHead(3),
  })
  const original = ids(upstream.rows)
  const result = await crawl()
  const got = new Set(ids(result.rows))
  expect(got.size).toBe(result.rows.length)
  expect(original.filter((id) => !got.has(id))).toEqual([])
  expect(result.complete).toBe(true)
})

test('publishes a possibly incomplete result when the list changes other than at the head', async () => {
  const { upstream, crawl } = setup({
    total: 1000,
    latencyMs: 20,
    before: (_page, call) => {
      if (call === 5) upstream.rows.splice(50, 1)
    },
  })
  const result = await crawl()
  expect(result.complete).toBe(false)
  expect(new Set(ids(result.rows)).size).toBe(result.rows.length)
})

test('re-reads a page that keeps coming back short at most twice more', async () => {
  const clock = createFakeClock(0)
  const upstream = createFakeUpstream({ total: 500, clock })
  const result = await clock.runUntil(
    crawlAll({
      concurrency: 4,
      clock,
      fetchPage: async (page, limit, signal) => {
        const answer = await upstream.fetchPage(page, limit, signal)
        return page === 3 ? { ...answer, rows: answer.rows.slice(0, 99) } : answer
      },
    }),
  )
  expect(result).toMatchObject({ complete: false, rereadPages: 2 })
  expect(upstream.counts.byPage.get(3)).toBe(3)
})

test('waits out a 429 Retry-After, then reads the same page again', async () => {
  let limited = false
  const { clock, upstream, events, limiter, crawl } = setup({
    total: 800,
    before: (page) => {
      if (page === 4 && !limited) {
        limited = true
        throw upstreamErrors.rateLimited(7)
      }
    },
  })
  const result = await crawl()
  expect(result).toMatchObject({ complete: true, total: 800 })
  expect(upstream.counts.byPage.get(4)).toBe(2)
  expect(events).toContainEqual({ type: 'wait', untilMs: 7000 })
  // The pause held every call back, so nothing reached upstream during those 7 s.
  expect(limiter.stats().granted).toBe(upstream.counts.requests)
  expect(clock.now()).toBeGreaterThanOrEqual(7000)
})

test('retries a 500 with backoff and succeeds', async () => {
  let failures = 0
  const { clock, upstream, crawl } = setup({
    total: 300,
    before: (page) => {
      if (page === 2 && failures < 3) {
        failures++
        throw upstreamErrors.status(500, '')
      }
    },
  })
  const result = await crawl()
  expect(result).toMatchObject({ complete: true, requests: 6 })
  expect(upstream.counts.byPage.get(2)).toBe(4)
  // Equal jitter at random 0.5: 375 + 750 + 1500 ms.
  expect(clock.now()).toBe(2625)
})

test('fails with the upstream error after 4 retries of a 500', async () => {
  const { upstream, crawl } = setup({
    total: 300,
    before: (page) => {
      if (page === 2) throw upstreamErrors.status(500, '')
    },
  })
  await expect(crawl()).rejects.toMatchObject({ code: 'upstream_error' })
  expect(upstream.counts.byPage.get(2)).toBe(5)
})

test('fails at once on a 401 without a second attempt', async () => {
  const { upstream, crawl } = setup({
    total: 900,
    before: (page) => {
      if (page === 5) throw upstreamErrors.unauthorized('crawl-test-key')
    },
  })
  await expect(crawl()).rejects.toMatchObject({ code: 'upstream_unauthorized' })
  expect(upstream.counts.byPage.get(5)).toBe(1)
})

test('paces 1,000 pages to the window without a single 429', async () => {
  const { clock, upstream, crawl } = setup({ total: 100_000, latencyMs: 50, perMinute: 1000 }, 8)
  const result = await crawl()
  expect(result).toMatchObject({ complete: true, requests: 1000 })
  expect(upstream.counts.rateLimited).toBe(0)
  // 720 crawl calls fit one window, so the floor is one full window: (⌈1000 ÷ 720⌉ − 1) × 60 s.
  expect(clock.now()).toBeGreaterThanOrEqual(60_000)
  expect(clock.now()).toBeLessThan(66_000)
})
