import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { startMockUpstream, type MockUpstream } from '../mocks/upstream-server.ts'
import { createApp } from './app.ts'
import { loadConfig } from './config.ts'
import { createLogger } from './logger.ts'
import { createServices } from './services.ts'

const key = { keyId: 'app-key-id', keySecret: 'app-secret-9c4f21aa' }
const emptyDir = mkdtempSync(join(tmpdir(), 'app-test-'))
let mock: MockUpstream
let logs: string[]

beforeEach(async () => {
  mock = await startMockUpstream({ ...key, dbOptions: { conversations: 120 } })
  logs = []
})
afterEach(() => mock.close())

function app(env: Record<string, string> = {}) {
  const config = loadConfig(
    {
      API_KEY_ID: key.keyId,
      API_KEY_SECRET: key.keySecret,
      PERFORMCHAT_API_URL: mock.url,
      UPSTREAM_TIMEOUT_MS: '200',
      ...env,
    },
    emptyDir,
  )
  const logger = createLogger('debug', (line) => logs.push(line))
  return createApp(createServices(config, { logger }))
}

async function get(path: string, env?: Record<string, string>) {
  const response = await app(env).request(path)
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: JSON.parse(text) as unknown,
  }
}

test('lists a page of conversations as perform.chat gave it', async () => {
  const answer = await get('/api/conversations?page=2&limit=50')
  expect(answer.status).toBe(200)
  expect(answer.json).toEqual({
    data: mock.db.conversations.slice(50, 100),
    pagination: { page: 2, limit: 50, total: 120, total_pages: 3 },
  })
})

test('returns one conversation and a page of its messages', async () => {
  const long = mock.db.conversations.find((row) => row.message_count === 250)
  expect((await get(`/api/conversations/${long?.id ?? ''}`)).json).toEqual(long)
  const messages = await get(`/api/conversations/${long?.id ?? ''}/messages?page=3&limit=100`)
  expect(messages.json).toMatchObject({
    pagination: { page: 3, limit: 100, total: 250, total_pages: 3 },
    conversation: { id: long?.id },
  })
})

test.each(['page=abc', 'limit=1000', 'page=-1', 'limit=0', 'page=1.5', 'limit='])(
  'answers 400 for %s without calling upstream',
  async (query) => {
    const answer = await get(`/api/conversations?${query}`)
    expect(answer.status).toBe(400)
    expect(answer.json).toMatchObject({ error: { code: 'invalid_query' } })
    expect((await get(`/api/conversations/conv_1/messages?${query}`)).status).toBe(400)
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
  const answer = await get(path)
  expect(answer.status).toBe(404)
  expect(answer.json).toMatchObject({ error: { code: 'not_found' } })
  expect(mock.stats().requests).toBe(0)
})

test('an unknown conversation upstream is a 404 that names it', async () => {
  const answer = await get('/api/conversations/conv_424242')
  expect(answer.status).toBe(404)
  expect(answer.json).toEqual({
    error: { code: 'not_found', message: 'perform.chat has no conversation conv_424242.' },
  })
})

test('finds customers by id, then name or email prefix, then substring', async () => {
  mock.db.customers = [
    { id: 'cu_9', name: 'Maria Anna', email: 'z@example.com' },
    { id: 'cu_anna', name: 'Bob', email: 'bob@example.com' },
    { id: 'cu_2', name: 'Anna Smith', email: 'a.smith@example.com' },
    { id: 'cu_3', name: 'Nobody', email: 'nobody@example.com' },
    { id: 'cu_4', name: null, email: 'ANNA@example.com' },
  ]
  const answer = await get('/api/customers?q=anna')
  const ids = (answer.json as { data: { id: string }[] }).data.map((row) => row.id)
  expect(ids).toEqual(['cu_2', 'cu_4', 'cu_9'])
  const byId = await get('/api/customers?q=CU_ANNA')
  expect((byId.json as { data: { id: string }[] }).data.map((row) => row.id)).toEqual(['cu_anna'])
})

test('returns at most 20 customers and nothing for an empty query', async () => {
  const answer = await get('/api/customers?q=example.com')
  expect((answer.json as { data: unknown[] }).data).toHaveLength(20)
  expect((await get('/api/customers?q=')).json).toEqual({ data: [] })
  expect((await get(`/api/customers?q=${'a'.repeat(201)}`)).status).toBe(400)
})

test('health says ok and nothing else, and calls nobody', async () => {
  const answer = await get('/api/health')
  expect(answer.json).toEqual({ status: 'ok' })
  expect(mock.stats().requests).toBe(0)
})

test('ready reports what the server last saw without calling upstream', async () => {
  const server = app()
  const before = (await (await server.request('/api/ready')).json()) as Record<string, unknown>
  expect(before).toMatchObject({ upstream: 'unknown', snapshot_age_seconds: null })
  expect(mock.stats().requests).toBe(0)
  mock.faults.set({ status429: { count: 1, retryAfterSeconds: 30 } })
  await server.request('/api/conversations')
  const after = (await (await server.request('/api/ready')).json()) as Record<string, unknown>
  expect(after).toMatchObject({ upstream: 'rate_limited', retry_after_seconds: 30 })
  expect(mock.stats().requests).toBe(1)
})

test('a rejected key is a 502 naming the variables, tried upstream once', async () => {
  const server = app({ API_KEY_SECRET: 'not-the-secret-123' })
  for (let i = 0; i < 3; i++) {
    const response = await server.request('/api/conversations')
    expect(response.status).toBe(502)
    const body = await response.text()
    expect(body).toContain('API_KEY_ID')
    expect(body).toContain('API_KEY_SECRET')
    expect(body).not.toContain('not-the-secret-123')
  }
  expect(mock.stats()).toEqual({ requests: 1, byStatus: { '401': 1 } })
})

test('an upstream 429 is passed on with Retry-After', async () => {
  mock.faults.set({ status429: { count: 1, retryAfterSeconds: 17 } })
  const answer = await get('/api/conversations')
  expect(answer.status).toBe(429)
  expect(answer.headers.get('Retry-After')).toBe('17')
  expect(answer.json).toMatchObject({ error: { code: 'upstream_rate_limited' } })
})

test('a hanging upstream is a 504 within the configured timeout', async () => {
  mock.faults.set({ hang: true })
  const started = performance.now()
  const answer = await get('/api/conversations/conv_1')
  expect(answer.status).toBe(504)
  expect(answer.json).toMatchObject({ error: { code: 'upstream_timeout' } })
  expect(performance.now() - started).toBeLessThan(1500)
})

test('malformed JSON is a 502, and the next request works', async () => {
  const server = app()
  mock.faults.set({ malformedJson: 1 })
  const first = await server.request('/api/conversations')
  expect(first.status).toBe(502)
  expect(await first.json()).toMatchObject({ error: { code: 'upstream_malformed' } })
  expect((await server.request('/api/conversations')).status).toBe(200)
})

test('the secret appears in no response body, header or log line', async () => {
  const server = app()
  mock.faults.set({ status500: 1, malformedJson: 1 })
  const paths = [
    '/api/conversations',
    '/api/conversations',
    '/api/conversations/conv_1',
    '/api/ready',
  ]
  for (const path of paths) {
    const response = await server.request(path)
    const headers = JSON.stringify([...response.headers])
    expect(`${headers}${await response.text()}`).not.toContain(key.keySecret)
  }
  expect(logs.length).toBeGreaterThan(0)
  expect(logs.join('\n')).not.toContain(key.keySecret)
})

test('logs one JSON line per request with the upstream calls it made', async () => {
  await get('/api/conversations?limit=3')
  await get('/api/conversations?limit=3000')
  const requests = logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.msg === 'request')
  expect(requests).toMatchObject([
    { method: 'GET', path: '/api/conversations', status: 200, upstream_calls: 1 },
    { method: 'GET', path: '/api/conversations', status: 400, upstream_calls: 0 },
  ])
})

test('API answers are never cached', async () => {
  expect((await get('/api/health')).headers.get('Cache-Control')).toBe('no-store')
})
