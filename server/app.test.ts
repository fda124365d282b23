import type { Hono } from 'hono'
import { afterEach, expect, test } from 'vitest'
import { ConversationPageSchema, type Conversation } from '../src/lib/contract.ts'
import { startHarness, testKey, untilSynced, type Harness } from './testing/test-harness.ts'

let harness: Harness | undefined
afterEach(() => harness?.close())

async function start(env: Record<string, string> = {}, options: { sync?: boolean } = {}) {
  harness = await startHarness(env, { conversations: 120, ...options })
  if (options.sync !== false) await untilSynced(harness.services)
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

const newestFirst = (rows: readonly Conversation[]) =>
  [...rows].sort(
    (a, b) =>
      Date.parse(b.updated_at ?? '') - Date.parse(a.updated_at ?? '') ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )

test('lists a page of the mirror, most recently active first, with customers', async () => {
  const { app, mock } = await start()
  const answer = await get(app, '/api/conversations?page=2&limit=50')
  expect(answer.status).toBe(200)
  const page = ConversationPageSchema.parse(answer.json)
  expect(page.pagination).toEqual({ page: 2, limit: 50, total: 120, total_pages: 3 })
  const expected = newestFirst(mock.db.conversations.filter((row) => row.updated_at))
  expect(page.data.map((row) => row.id)).toEqual(expected.slice(50, 100).map((row) => row.id))
  const named = page.data.find((row) => row.customer_user_id && row.customer_name)
  const customer = mock.db.customers.find((c) => c.id === named?.customer_user_id)
  expect(named?.customer_name).toBe(customer?.name)
})

test('a page past the end is empty and keeps the real count', async () => {
  const { app } = await start()
  const page = ConversationPageSchema.parse((await get(app, '/api/conversations?page=99')).json)
  expect(page.data).toEqual([])
  expect(page.pagination).toMatchObject({ total: 120, total_pages: 6 })
})

test('filters by title without accents or case, and counts what matches', async () => {
  const { app, mock } = await start()
  const sample = mock.db.conversations.find((row) => (row.title ?? '').length > 6)
  const word = (sample?.title ?? '').slice(1, 5).toUpperCase()
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  const expected = mock.db.conversations.filter((row) => fold(row.title ?? '').includes(fold(word)))
  const page = ConversationPageSchema.parse(
    (await get(app, `/api/conversations?limit=100&q=${encodeURIComponent(word)}`)).json,
  )
  expect(page.pagination.total).toBe(expected.length)
  expect(new Set(page.data.map((row) => row.id))).toEqual(new Set(expected.map((row) => row.id)))
})

test('filters by customer id exactly', async () => {
  const { app, mock } = await start()
  const id = mock.db.conversations.find((row) => row.customer_user_id)?.customer_user_id ?? ''
  const expected = mock.db.conversations.filter((row) => row.customer_user_id === id)
  const page = ConversationPageSchema.parse(
    (await get(app, `/api/conversations?customer=${id.toUpperCase()}`)).json,
  )
  expect(page.pagination.total).toBe(expected.length)
})

test.each([
  ['page=abc', 'page must'],
  ['limit=1000', 'limit must'],
  ['page=-1', 'page must'],
  ['limit=0', 'limit must'],
  ['sort=colour', 'sort must'],
  [`q=${'x'.repeat(201)}`, 'q must'],
])('answers 400 for %s, naming the parameter', async (query, message) => {
  const { app } = await start({}, { sync: false })
  const answer = await get(app, `/api/conversations?${query}`)
  expect(answer.status).toBe(400)
  expect(answer.json).toMatchObject({ error: { code: 'invalid_query' } })
  expect(answer.text).toContain(message)
})

test('exports the whole filtered set as CSV in the list order', async () => {
  const { app, mock } = await start()
  const response = await app.request('/api/conversations/export.csv?sort=-updated_at')
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/)
  expect(response.headers.get('Content-Disposition')).toMatch(
    /conversations-\d{4}-\d{2}-\d{2}\.csv/,
  )
  // Response.text() would drop the byte order mark: decode keeping it.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())
  expect(
    text.startsWith('\uFEFFid,title,customer_user_id,message_count,created_at,updated_at\r\n'),
  ).toBe(true)
  const lines = text.trimEnd().split('\r\n')
  expect(lines.length).toBeGreaterThanOrEqual(mock.db.conversations.length + 1)
  const expected = newestFirst(mock.db.conversations.filter((row) => row.updated_at))
  expect(lines[1]?.startsWith(`${expected[0]?.id ?? ''},`)).toBe(true)
})

test('counts the changes of a view since a version', async () => {
  const { app, services } = await start()
  const page = ConversationPageSchema.parse((await get(app, '/api/conversations')).json)
  expect((await get(app, `/api/conversations/changes?since=${page.version}`)).json).toEqual({
    count: 0,
    version: page.version,
  })
  await services.store.upsertConversations([
    { id: 'conv_brand_new', title: 'Brand new', updated_at: new Date().toISOString() },
  ])
  const changes = (await get(app, `/api/conversations/changes?since=${page.version}`)).json
  expect(changes).toMatchObject({ count: 1 })
  expect((await get(app, '/api/conversations/changes?since=x')).status).toBe(400)
})

test('a count whose client left is stopped without an error in the log', async () => {
  const { app, services, logs } = await start({}, { sync: false })
  let started = () => {}
  const running = new Promise<void>((resolve) => (started = resolve))
  // As the count thread does: the count ends with the signal's reason once it is aborted.
  services.store.countConversations = (_filters, signal) =>
    new Promise((_resolve, reject) => {
      started()
      signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true })
    })
  const client = new AbortController()
  const answer = app.request('/api/conversations/count?q=refund', { signal: client.signal })
  await running
  client.abort()
  expect((await answer).status).toBe(499)
  const request = logs.map((line) => JSON.parse(line) as Record<string, unknown>)
  expect(request.filter((line) => line.level === 'error')).toEqual([])
})

test('one conversation comes from the mirror, with its customer', async () => {
  const { app, mock } = await start()
  const row = mock.db.conversations.find((c) => c.customer_user_id)
  const before = mock.stats().requests
  const answer = await get(app, `/api/conversations/${row?.id ?? ''}`)
  expect(answer.json).toMatchObject({ id: row?.id, title: row?.title })
  expect(mock.stats().requests).toBe(before)
})

test('an unknown conversation is a 404 that names it', async () => {
  const { app } = await start()
  const answer = await get(app, '/api/conversations/conv_424242')
  expect(answer.status).toBe(404)
  expect(answer.json).toEqual({
    error: { code: 'not_found', message: 'perform.chat has no conversation conv_424242.' },
  })
})

test('finds customers in the mirror by id, then name or email', async () => {
  const { app, mock, services } = await start()
  const customer = mock.db.customers.find((c) => c.name)
  // The customers' pass follows the conversations' one.
  await expect.poll(async () => (await services.store.counts()).customers).toBeGreaterThan(0)
  const byId = await get(app, `/api/customers?q=${customer?.id.toUpperCase() ?? ''}`)
  expect((byId.json as { data: { id: string }[] }).data[0]?.id).toBe(customer?.id)
  expect((await get(app, '/api/customers?q=')).json).toEqual({ data: [] })
  expect((await get(app, `/api/customers?q=${'a'.repeat(201)}`)).status).toBe(400)
})

test('health says ok and nothing else', async () => {
  const { app } = await start({}, { sync: false })
  const answer = await get(app, '/api/health')
  expect(answer.json).toEqual({ status: 'ok' })
})

test('ready is 503 until the mirror is complete, then 200, without calling upstream', async () => {
  const { app, mock, services } = await start({}, { sync: false })
  const before = await app.request('/api/ready')
  expect(before.status).toBe(503)
  expect(await before.json()).toMatchObject({
    upstream: 'unknown',
    mirror_complete: false,
    leader: true,
  })
  expect(mock.stats().requests).toBe(0)
  services.sync.start()
  await untilSynced(services)
  const after = await app.request('/api/ready')
  expect(after.status).toBe(200)
  expect(await after.json()).toMatchObject({ upstream: 'ok', mirror_complete: true, reasons: [] })
})

test('ready is 503 while perform.chat rejects the key', async () => {
  const { app, services } = await start({ API_KEY_SECRET: 'not-the-secret-123' }, { sync: false })
  services.sync.start()
  await expect
    .poll(
      async () =>
        ((await (await app.request('/api/ready')).json()) as { upstream: string }).upstream,
    )
    .toBe('unauthorized')
  const answer = await app.request('/api/ready')
  expect(answer.status).toBe(503)
  expect(await answer.text()).toContain('rejects the API key')
})

test('the secret appears in no response body, header or log line', async () => {
  const { app, mock, logs } = await start()
  mock.faults.set({ status500: 1, malformedJson: 1 })
  const paths = [
    '/api/conversations',
    '/api/conversations/conv_nope',
    '/api/ready',
    '/api/customers?q=a',
  ]
  for (const path of paths) {
    const response = await app.request(path)
    const headers = JSON.stringify([...response.headers])
    expect(`${headers}${await response.text()}`).not.toContain(testKey.keySecret)
  }
  expect(logs.length).toBeGreaterThan(0)
  expect(logs.join('\n')).not.toContain(testKey.keySecret)
})

test('API answers are never cached', async () => {
  const { app } = await start({}, { sync: false })
  expect((await get(app, '/api/health')).headers.get('Cache-Control')).toBe('no-store')
})
