// Which calls wait behind the one-at-a-time key probe: only those that could each spend a
// failed authentication (before the key was accepted, and after a 401), never the others.
import { http } from 'msw'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { ConversationListSchema, ConversationSchema } from '../../src/lib/contract.ts'
import { startMockUpstream, type MockUpstream } from '../../mocks/upstream-server.ts'
import { createUpstreamClient, type UpstreamClientOptions } from './client.ts'

const key = { keyId: 'probe-key-id', keySecret: 'probe-secret-7c2e41' }
let mock: MockUpstream

beforeEach(async () => {
  mock = await startMockUpstream({ ...key, dbOptions: { conversations: 30 } })
})
afterEach(() => mock.close())

const client = (options: Partial<UpstreamClientOptions> = {}) =>
  createUpstreamClient({ baseUrl: mock.url, ...key, timeoutMs: 2000, ...options })

const crawlPage = {
  query: { limit: 5 },
  schema: ConversationListSchema,
  priority: 'crawl',
} as const
const settled = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    () => 'failed',
  )

/** The next list request hangs until `release` is called, then is answered normally. */
function holdNextListRequest() {
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  let calls = 0
  mock.use(
    http.get(`${mock.url}/conversations`, async () => {
      if (++calls === 1) await held
    }),
  )
  return release
}

test('an interactive call is not held behind a hanging crawl call after a 5xx', async () => {
  const upstream = client()
  await upstream.get('/conversations', crawlPage)
  mock.faults.set({ status500: 1 })
  expect(await settled(upstream.get('/conversations', crawlPage))).toBe('failed')
  const release = holdNextListRequest()
  const crawl = upstream.get('/conversations', crawlPage)
  const opened = await upstream.get('/conversations/conv_3', { schema: ConversationSchema })
  expect(opened.id).toBe('conv_3')
  release()
  expect((await crawl).data).toHaveLength(5)
})

test('an interactive call is not held behind a hanging crawl call after a transport failure', async () => {
  const upstream = client({ timeoutMs: 300 })
  await upstream.get('/conversations', crawlPage)
  mock.faults.set({ hang: true })
  expect(await settled(upstream.get('/conversations', crawlPage))).toBe('failed')
  expect(upstream.status().state).toBe('unreachable')
  mock.faults.reset()
  const release = holdNextListRequest()
  const crawl = settled(upstream.get('/conversations', crawlPage))
  const opened = await upstream.get('/conversations/conv_4', { schema: ConversationSchema })
  expect(opened.id).toBe('conv_4')
  release()
  expect(await crawl).toBe('answered')
})

test('after a 401 and its cool-down, parallel calls reach upstream one at a time again', async () => {
  let now = 2_000_000
  const upstream = client({ now: () => now, authCooldownMs: 60_000 })
  await upstream.get('/conversations', crawlPage)
  // The key is revoked while the server runs.
  mock.use(
    http.get(`${mock.url}/conversations`, () =>
      Response.json({ statusCode: 401, message: 'Invalid API credentials' }, { status: 401 }),
    ),
  )
  expect(await settled(upstream.get('/conversations', crawlPage))).toBe('failed')
  now += 61_000
  const outcomes = await Promise.all(
    [1, 2, 3].map(() => settled(upstream.get('/conversations', crawlPage))),
  )
  expect(outcomes).toEqual(['failed', 'failed', 'failed'])
  expect(mock.stats()).toEqual({ requests: 3, byStatus: { '200': 1, '401': 2 } })
})

test('before the key is proven, a person goes before the sync calls waiting in line', async () => {
  const upstream = client({ timeoutMs: 300 })
  // A fresh start with the list hanging: the crawl's first width waits in line, each call
  // holding it for a whole timeout.
  mock.use(http.get(`${mock.url}/conversations`, () => new Promise<never>(() => undefined)))
  const crawl = Array.from({ length: 6 }, () => settled(upstream.get('/conversations', crawlPage)))
  await new Promise((resolve) => setTimeout(resolve, 50))
  const startedAt = performance.now()
  const opened = await upstream.get('/conversations/conv_5', { schema: ConversationSchema })
  expect(opened.id).toBe('conv_5')
  // Behind the call in flight only (one timeout), not behind the five waiting after it.
  expect(performance.now() - startedAt).toBeLessThan(600)
  // Its answer proved the key: the calls still in line go at once, and time out together.
  const waited = performance.now()
  expect(await Promise.all(crawl)).toEqual(Array(6).fill('failed'))
  expect(performance.now() - waited).toBeLessThan(600)
})
