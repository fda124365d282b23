import type { Hono } from 'hono'
import { afterEach, expect, test } from 'vitest'
import { startHarness, testKey, type Harness } from './testing/test-harness.ts'

let harness: Harness | undefined
afterEach(() => harness?.mock.close())

async function start(env: Record<string, string> = {}) {
  harness = await startHarness(env, { conversations: 120 })
  return harness
}

async function get(app: Hono, path: string) {
  const response = await app.request(path)
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: JSON.parse(text) as unknown,
  }
}

test('lists a page of conversations as perform.chat gave it', async () => {
  const { app, mock } = await start()
  const answer = await get(app, '/api/conversations?page=2&limit=50')
  expect(answer.status).toBe(200)
  expect(answer.json).toEqual({
    data: mock.db.conversations.slice(50, 100),
    pagination: { page: 2, limit: 50, total: 120, total_pages: 3 },
  })
})

test('returns one conversation and a page of its messages', async () => {
  const { app, mock } = await start()
  const long = mock.db.conversations.find((row) => row.message_count === 250)
  expect((await get(app, `/api/conversations/${long?.id ?? ''}`)).json).toEqual(long)
  const messages = await get(app, `/api/conversations/${long?.id ?? ''}/messages?page=3&limit=100`)
  expect(messages.json).toMatchObject({
    pagination: { page: 3, limit: 100, total: 250, total_pages: 3 },
    conversation: { id: long?.id },
  })
})

test.each(['page=abc', 'limit=1000', 'page=-1', 'limit=0', 'page=1.5', 'limit='])(
  'answers 400 for %s without calling upstream',
  async (query) => {
    const { app, mock } = await start()
    const answer = await get(app, `/api/conversations?${query}`)
    expect(answer.status).toBe(400)
    expect(answer.json).toMatchObject({ error: { code: 'invalid_query' } })
    expect((await get(app, `/api/conversations/conv_1/messages?${query}`)).status).toBe(400)
    expect(mock.stats().requests).toBe(0)
  },
)

test.each([
  '/api/nope',
  '/api',
  '/api/conversations/conv_1/extra',
  '/api/conversations/conv_1/',
  '/api/conversations/a.b',
  '/api/conversations/conv%2F1',
  '/api/conversations/..%2F..%2Fcustomer-users',
  `/api/conversations/${'x'.repeat(101)}`,
  '/api/..%2f..%2fetc%2fpasswd',
  '/api//conversations',
  '/api/conversations//messages',
])('answers 404 JSON for %s without calling upstream', async (path) => {
  const { app, mock } = await start()
  const answer = await get(app, path)
  expect(answer.status).toBe(404)
  expect(answer.json).toMatchObject({ error: { code: 'not_found' } })
  expect(mock.stats().requests).toBe(0)
})

test('an unknown conversation upstream is a 404 that names it', async () => {
  const { app } = await start()
  const answer = await get(app, '/api/conversations/conv_424242')
  expect(answer.status).toBe(404)
  expect(answer.json).toEqual({
    error: { code: 'not_found', message: 'perform.chat has no conversation conv_424242.' },
  })
})

test('finds customers by id, then name or email prefix, then substring', async () => {
  const { app, mock } = await start()
  mock.db.customers = [
    { id: 'cu_9', name: 'Maria Anna', email: 'z@example.com' },
    { id: 'cu_anna', name: 'Bob', email: 'bob@example.com' },
    { id: 'cu_2', name: 'Anna Smith', email: 'a.smith@example.com' },
    { id: 'cu_3', name: 'Nobody', email: 'nobody@example.com' },
    { id: 'cu_4', name: null, email: 'ANNA@example.com' },
  ]
  const answer = await get(app, '/api/customers?q=anna')
  const ids = (answer.json as { data: { id: string }[] }).data.map((row) => row.id)
  expect(ids).toEqual(['cu_2', 'cu_4', 'cu_9'])
  const byId = await get(app, '/api/customers?q=CU_ANNA')
  expect((byId.json as { data: { id: string }[] }).data.map((row) => row.id)).toEqual(['cu_anna'])
})

test('returns at most 20 customers and nothing for an empty query', async () => {
  const { app } = await start()
  const answer = await get(app, '/api/customers?q=example.com')
  expect((answer.json as { data: unknown[] }).data).toHaveLength(20)
  expect((await get(app, '/api/customers?q=')).json).toEqual({ data: [] })
  expect((await get(app, `/api/customers?q=${'a'.repeat(201)}`)).status).toBe(400)
})

test('health says ok and nothing else, and calls nobody', async () => {
  const { app, mock } = await start()
  const answer = await get(app, '/api/health')
  expect(answer.json).toEqual({ status: 'ok' })
  expect(mock.stats().requests).toBe(0)
})

test('ready reports what the server last saw without calling upstream', async () => {
  const { app, mock } = await start()
  const before = (await (await app.request('/api/ready')).json()) as Record<string, unknown>
  expect(before).toMatchObject({ upstream: 'unknown', snapshot_age_seconds: null })
  expect(mock.stats().requests).toBe(0)
  mock.faults.set({ status429: { count: 1, retryAfterSeconds: 30 } })
  await app.request('/api/conversations')
  const after = (await (await app.request('/api/ready')).json()) as Record<string, unknown>
  expect(after).toMatchObject({ upstream: 'rate_limited', retry_after_seconds: 30 })
  expect(mock.stats().requests).toBe(1)
})

test('a rejected key is a 502 naming the variables, tried upstream once', async () => {
  const { app, mock } = await start({ API_KEY_SECRET: 'not-the-secret-123' })
  for (let i = 0; i < 3; i++) {
    const response = await app.request('/api/conversations')
    expect(response.status).toBe(502)
    const body = await response.text()
    expect(body).toContain('API_KEY_ID')
    expect(body).toContain('API_KEY_SECRET')
    expect(body).not.toContain('not-the-secret-123')
  }
  expect(mock.stats()).toEqual({ requests: 1, byStatus: { '401': 1 } })
})

test('an upstream 429 is passed on with Retry-After', async () => {
  const { app, mock } = await start()
  mock.faults.set({ status429: { count: 1, retryAfterSeconds: 17 } })
  const answer = await get(app, '/api/conversations')
  expect(answer.status).toBe(429)
  expect(answer.headers.get('Retry-After')).toBe('17')
  expect(answer.json).toMatchObject({ error: { code: 'upstream_rate_limited' } })
})

test('a hanging upstream is a 504 within the configured timeout', async () => {
  const { app, mock } = await start()
  mock.faults.set({ hang: true })
  const started = performance.now()
  const answer = await get(app, '/api/conversations/conv_1')
  expect(answer.status).toBe(504)
  expect(answer.json).toMatchObject({ error: { code: 'upstream_timeout' } })
  expect(performance.now() - started).toBeLessThan(1500)
})

test('malformed JSON is a 502, and the next request works', async () => {
  const { app, mock } = await start()
  mock.faults.set({ malformedJson: 1 })
  const first = await app.request('/api/conversations')
  expect(first.status).toBe(502)
  expect(await first.json()).toMatchObject({ error: { code: 'upstream_malformed' } })
  expect((await app.request('/api/conversations')).status).toBe(200)
})

test('the secret appears in no response body, header or log line', async () => {
  const { app, mock, logs } = await start()
  mock.faults.set({ status500: 1, malformedJson: 1 })
  const paths = [
    '/api/conversations',
    '/api/conversations',
    '/api/conversations/conv_1',
    '/api/ready',
  ]
  for (const path of paths) {
    const response = await app.request(path)
    const headers = JSON.stringify([...response.headers])
    expect(`${headers}${await response.text()}`).not.toContain(testKey.keySecret)
  }
  expect(logs.length).toBeGreaterThan(0)
  expect(logs.join('\n')).not.toContain(testKey.keySecret)
})

test('logs one JSON line per request with the upstream calls it made', async () => {
  const { app, logs } = await start()
  await get(app, '/api/conversations?limit=3')
  await get(app, '/api/conversations?limit=3000')
  const requests = logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.msg === 'request')
  expect(requests).toMatchObject([
    { method: 'GET', path: '/api/conversations', status: 200, upstream_calls: 1 },
    { method: 'GET', path: '/api/conversations', status: 400, upstream_calls: 0 },
  ])
})

test('API answers are never cached', async () => {
  const { app } = await start()
  expect((await get(app, '/api/health')).headers.get('Cache-Control')).toBe('no-store')
})
