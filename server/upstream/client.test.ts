import { http, HttpResponse } from 'msw'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, expect, test } from 'vitest'
import * as z from 'zod/mini'
import { ConversationListSchema, ConversationSchema } from '../../src/lib/contract.ts'
import { startMockUpstream, type MockUpstream } from '../../mocks/upstream-server.ts'
import {
  countUpstreamCalls,
  createUpstreamClient,
  type UpstreamClientOptions,
  type UpstreamGate,
} from './client.ts'
import { UpstreamError } from './errors.ts'

const key = { keyId: 'test-key-id', keySecret: 'test-secret-5b1e9d' }
let mock: MockUpstream

beforeEach(async () => {
  mock = await startMockUpstream({ ...key, dbOptions: { conversations: 30 } })
})
afterEach(() => mock.close())

const client = (options: Partial<UpstreamClientOptions> = {}) =>
  createUpstreamClient({ baseUrl: mock.url, ...key, timeoutMs: 2000, ...options })

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error: unknown = await promise.then(
    () => new Error('expected the call to fail'),
    (reason: unknown) => reason,
  )
  if (error instanceof UpstreamError) return error
  throw error
}

const list = { query: { limit: 5 }, schema: ConversationListSchema }

test('sends the key in the JSON body of a GET and returns the parsed answer', async () => {
  const upstream = client()
  const page = await upstream.get('/conversations', list)
  expect(page.data.map((row) => row.id)).toEqual(mock.db.conversations.slice(0, 5).map((r) => r.id))
  expect(upstream.status()).toMatchObject({ state: 'ok' })
})

test('passes extra body fields beside the key', async () => {
  const target = mock.db.customers[3]
  const schema = z.object({ data: z.array(z.object({ id: z.string() })) })
  const found = await client().get('/customer-users', { body: { email: target?.email }, schema })
  expect(found.data.map((row) => row.id)).toContain(target?.id)
})

test('a 401 names the variables, is tried once, and is not retried during the cool-down', async () => {
  let now = 1_000_000
  const upstream = client({
    keySecret: 'wrong-secret-value',
    now: () => now,
    authCooldownMs: 60_000,
  })
  const first = await failure(upstream.get('/conversations', list))
  expect(first).toMatchObject({ status: 502, code: 'upstream_unauthorized', retryable: false })
  expect(first.message).toContain('API_KEY_ID')
  expect(first.message).toContain('API_KEY_SECRET')
  expect(first.message).not.toContain('wrong-secret-value')
  now += 59_000
  expect((await failure(upstream.get('/conversations', list))).code).toBe('upstream_unauthorized')
  expect(mock.stats()).toEqual({ requests: 1, byStatus: { '401': 1 } })
  expect(upstream.status()).toMatchObject({ state: 'unauthorized' })
  now += 2_000
  await failure(upstream.get('/conversations', list))
  expect(mock.stats().requests).toBe(2)
})

test('parallel first calls with a rejected key reach upstream once', async () => {
  const upstream = client({ keySecret: 'wrong-secret-value' })
  const errors = await Promise.all(
    [1, 2, 3].map(() => failure(upstream.get('/conversations', list))),
  )
  expect(errors.map((error) => error.code)).toEqual(Array(3).fill('upstream_unauthorized'))
  expect(mock.stats()).toEqual({ requests: 1, byStatus: { '401': 1 } })
})

test('parallel first calls with a good key all succeed', async () => {
  const upstream = client()
  const pages = await Promise.all([1, 2, 3].map(() => upstream.get('/conversations', list)))
  expect(pages.map((page) => page.data.length)).toEqual([5, 5, 5])
  expect(mock.stats().requests).toBe(3)
})

test('a 429 carries Retry-After and pauses the gate until then', async () => {
  const paused: number[] = []
  const gate: UpstreamGate = {
    acquire: () => Promise.resolve(),
    pause: (until) => paused.push(until),
  }
  const now = 5_000_000
  const upstream = client({ gate, now: () => now })
  mock.faults.set({ status429: { count: 1, retryAfterSeconds: 12 } })
  const error = await failure(upstream.get('/conversations', list))
  expect(error).toMatchObject({ status: 429, code: 'upstream_rate_limited', retryAfterSeconds: 12 })
  expect(paused).toEqual([now + 12_000])
  expect(upstream.status()).toEqual({
    state: 'rate_limited',
    at: now,
    retryAfterUntil: now + 12_000,
  })
})

test('waits for the gate with the given priority before calling upstream', async () => {
  const asked: string[] = []
  const gate: UpstreamGate = {
    acquire: (priority) => {
      asked.push(priority)
      return Promise.resolve()
    },
    pause: () => {},
  }
  await client({ gate }).get('/conversations', { ...list, priority: 'crawl' })
  await client({ gate }).get('/conversations', list)
  expect(asked).toEqual(['crawl', 'interactive'])
})

test('a request that hangs fails as a timeout after timeoutMs', async () => {
  mock.faults.set({ hang: true })
  const started = performance.now()
  const error = await failure(client({ timeoutMs: 200 }).get('/conversations', list))
  expect(error).toMatchObject({ status: 504, code: 'upstream_timeout', retryable: true })
  expect(performance.now() - started).toBeLessThan(1500)
})

test('a 500 is a retryable 502, and invalid JSON a 502 after which the next call works', async () => {
  const upstream = client()
  mock.faults.set({ status500: 1, malformedJson: 1 })
  const failed = await failure(upstream.get('/conversations', list))
  expect(failed).toMatchObject({ status: 502, code: 'upstream_error', retryable: true })
  const malformed = await failure(upstream.get('/conversations', list))
  expect(malformed).toMatchObject({ status: 502, code: 'upstream_malformed' })
  expect(malformed.message).toMatch(/invalid JSON/)
  expect((await upstream.get('/conversations', list)).data).toHaveLength(5)
})

test('an answer of the wrong shape is upstream_invalid and says where', async () => {
  mock.use(http.get(`${mock.url}/conversations/:id`, () => HttpResponse.json({ id: 42 })))
  const error = await failure(client().get('/conversations/conv_1', { schema: ConversationSchema }))
  expect(error).toMatchObject({ status: 502, code: 'upstream_invalid' })
  expect(error.message).toContain('id')
})

test('404 is not_found, 400 is upstream_bad_request with the reason', async () => {
  const upstream = client()
  const missing = await failure(
    upstream.get('/conversations/conv_0', { schema: ConversationSchema }),
  )
  expect(missing).toMatchObject({ status: 404, code: 'not_found' })
  const bad = await failure(upstream.get('/conversations', { ...list, query: { limit: 500 } }))
  expect(bad).toMatchObject({ status: 502, code: 'upstream_bad_request' })
  expect(bad.message).toContain('limit must not be greater than 100')
})

test('a redirect is not followed', async () => {
  mock.use(
    http.get(`${mock.url}/conversations`, () =>
      HttpResponse.text('', { status: 302, headers: { Location: `${mock.url}/elsewhere` } }),
    ),
  )
  const error = await failure(client().get('/conversations', list))
  expect(error).toMatchObject({ status: 502, code: 'upstream_redirect' })
  expect(mock.stats().requests).toBe(1)
})

test('a closed port is upstream_unreachable', async () => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  const upstream = client({ baseUrl: `http://127.0.0.1:${port}/rest/v1` })
  const error = await failure(upstream.get('/conversations', list))
  expect(error).toMatchObject({ status: 502, code: 'upstream_unreachable', retryable: true })
  expect(upstream.status().state).toBe('unreachable')
})

test('an escaped lone surrogate in an answer arrives as U+FFFD, as the store will keep it', async () => {
  const row = { ...mock.db.conversations[0], title: 'broken' }
  const body = JSON.stringify({
    data: [row],
    pagination: { page: 1, limit: 5, total: 1, total_pages: 1 },
  }).replace('"broken"', '"broken \\udc00 half, \\ud83d\\ude00 whole"')
  mock.use(
    http.get(
      `${mock.url}/conversations`,
      () => new HttpResponse(body, { headers: { 'content-type': 'application/json' } }),
    ),
  )
  const page = await client().get('/conversations', list)
  expect(page.data[0]?.title).toBe('broken \uFFFD half, 😀 whole')
})

test('the secret never appears in an error, even when upstream echoes it', async () => {
  mock.use(
    http.get(`${mock.url}/conversations`, async ({ request }) =>
      HttpResponse.json({ statusCode: 400, message: await request.text() }, { status: 400 }),
    ),
  )
  const error = await failure(client().get('/conversations', list))
  expect(error.message).toContain('[redacted]')
  expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(key.keySecret)
})

test('countUpstreamCalls counts the requests made inside it', async () => {
  const upstream = client()
  const counter = { calls: 0 }
  await countUpstreamCalls(counter, async () => {
    await upstream.get('/conversations', list)
    await upstream.get('/conversations', list)
  })
  await upstream.get('/conversations', list)
  expect(counter.calls).toBe(2)
})
