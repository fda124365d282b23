// The crawler against the mock perform.chat over real loopback HTTP: the same upstream
// client, limiter and snapshot route the server runs, faults switched on in the mock.
import { http } from 'msw'
import { afterEach, expect, test } from 'vitest'
import { insertConversations } from '../../mocks/data.ts'
import { demoKey, startMockUpstream, type MockUpstream } from '../../mocks/upstream-server.ts'
import { ConversationListSchema, ConversationSnapshotLineSchema } from '../../src/lib/contract.ts'
import { realClock } from '../clock.ts'
import { crawlAll } from './crawler.ts'
import { createLimiter } from '../upstream/limiter.ts'
import { listPageFetcher } from './snapshot-sources.ts'
import { startHarness } from '../testing/test-harness.ts'
import { createUpstreamClient } from '../upstream/client.ts'

const mocks: MockUpstream[] = []
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((mock) => mock.close()))
})

async function setup(conversations: number, keySecret = demoKey.keySecret) {
  const mock = await startMockUpstream({ dbOptions: { conversations, customers: 30 } })
  mocks.push(mock)
  const limiter = createLimiter({ perMinute: 900, interactiveShare: 0.2, clock: realClock })
  const upstream = createUpstreamClient({
    baseUrl: mock.url,
    keyId: demoKey.keyId,
    keySecret,
    timeoutMs: 5000,
    gate: limiter,
  })
  const crawl = () =>
    crawlAll({
      fetchPage: listPageFetcher(upstream, '/conversations', ConversationListSchema),
      concurrency: 8,
      clock: realClock,
      limiter,
      retry: { retries: 4, baseDelayMs: 10, maxDelayMs: 50, maxRateLimitWaits: 5 },
    })
  return { mock, crawl, limiter }
}

const idsOf = (rows: readonly { id: string }[]) => rows.map((row) => row.id)

test('crawls every conversation once through latency', async () => {
  const { mock, crawl } = await setup(1234)
  mock.faults.set({ latencyMs: 20 })
  const result = await crawl()
  expect(result).toMatchObject({ total: 1234, complete: true, moved: false, requests: 13 })
  expect(new Set(idsOf(result.rows))).toEqual(new Set(idsOf(mock.db.conversations)))
  expect(mock.stats()).toEqual({ requests: 13, byStatus: { '200': 13 } })
})

test('waits out a 429 with Retry-After and retries 500s without failing', async () => {
  const { mock, crawl, limiter } = await setup(650)
  mock.faults.set({ status500: 2, status429: { count: 1, retryAfterSeconds: 1 } })
  const started = Date.now()
  const result = await crawl()
  expect(result).toMatchObject({ total: 650, complete: true, requests: 10 })
  expect(mock.stats().byStatus).toEqual({ '200': 7, '500': 2, '429': 1 })
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  expect(limiter.stats().granted).toBe(10)
})

test('keeps every conversation that existed at the start while new ones arrive at the head', async () => {
  const { mock, crawl } = await setup(2000)
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
  const result = await crawl()
  const got = idsOf(result.rows)
  expect(new Set(got).size).toBe(got.length)
  expect(original.filter((id) => !got.includes(id))).toEqual([])
  expect(result).toMatchObject({ total: 2090, complete: true, moved: true })
})

test('calls upstream exactly once on a 401 and names the variables to check', async () => {
  const { app, mock } = await startHarness(
    { API_KEY_SECRET: 'wrong-secret' },
    { conversations: 500 },
  )
  mocks.push(mock)
  const response = await app.request('/api/conversations/snapshot')
  expect(response.status).toBe(502)
  expect(await response.text()).toContain('API_KEY_SECRET')
  const again = await app.request('/api/conversations/snapshot')
  expect(again.status).toBe(502)
  expect(mock.stats()).toEqual({ requests: 1, byStatus: { '401': 1 } })
})

test('serves the whole list as NDJSON through the real app', async () => {
  const { app, mock } = await startHarness({}, { conversations: 345 })
  mocks.push(mock)
  const response = await app.request('/api/conversations/snapshot')
  const lines = (await response.text())
    .trim()
    .split('\n')
    .map((line) => ConversationSnapshotLineSchema.parse(JSON.parse(line)))
  expect(lines[0]).toEqual({ type: 'meta', total: 345, as_of: null, complete: false })
  expect(lines.at(-1)).toMatchObject({ type: 'end', complete: true })
  const rows = lines.flatMap((line) => (line.type === 'rows' ? line.rows : []))
  expect(new Set(idsOf(rows))).toEqual(new Set(idsOf(mock.db.conversations)))
  const customers = await app.request('/api/customers?q=cu_7')
  expect(await customers.json()).toMatchObject({ data: [{ id: 'cu_7' }] })
})
