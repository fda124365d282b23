import { afterEach, beforeEach, expect, test } from 'vitest'
import { http, HttpResponse } from 'msw'
import { rawGet } from './raw-get.ts'
import { demoKey, startMockUpstream, type MockUpstream } from './upstream-server.ts'

let mock: MockUpstream
const key = { keyId: demoKey.keyId, keySecret: demoKey.keySecret }
const unauthorized = { statusCode: 401, message: 'Invalid API credentials', error: 'Unauthorized' }

beforeEach(async () => {
  mock = await startMockUpstream({ dbOptions: { conversations: 250 } })
})
afterEach(() => mock.close())

const control = (path: string, body: unknown) =>
  rawGet(`${new URL(mock.url).origin}/__control/${path}`, body, 'POST')

test('answers a list page when the key is in the JSON body of the GET', async () => {
  const answer = await rawGet(`${mock.url}/conversations?limit=5`, key)
  expect(answer.status).toBe(200)
  expect(answer.json).toMatchObject({
    data: mock.db.conversations.slice(0, 5),
    pagination: { page: 1, limit: 5, total: 250, total_pages: 50 },
  })
})

test('answers 401 in the documented shape without a key or with a wrong one', async () => {
  const missing = await rawGet(`${mock.url}/conversations`)
  const wrong = await rawGet(`${mock.url}/conversations`, { ...key, keySecret: 'nope' })
  expect([missing.status, wrong.status]).toEqual([401, 401])
  expect(missing.json).toEqual(unauthorized)
  expect(wrong.json).toEqual(unauthorized)
})

test('rejects limit 101, page 0 and a non-integer page with 400', async () => {
  const answer = await rawGet(`${mock.url}/conversations?limit=101&page=0`, key)
  expect(answer.status).toBe(400)
  expect(answer.json).toEqual({
    statusCode: 400,
    message: ['page must not be less than 1', 'limit must not be greater than 100'],
    error: 'Bad Request',
  })
  expect((await rawGet(`${mock.url}/conversations?page=1.5`, key)).status).toBe(400)
})

test('a page past the end is empty with correct pagination', async () => {
  const answer = await rawGet(`${mock.url}/conversations?page=4&limit=100`, key)
  expect(answer.json).toEqual({
    data: [],
    pagination: { page: 4, limit: 100, total: 250, total_pages: 3 },
  })
})

test('an unknown conversation is 404, a known one is itself', async () => {
  expect((await rawGet(`${mock.url}/conversations/conv_999999`, key)).status).toBe(404)
  const known = await rawGet(`${mock.url}/conversations/conv_17`, key)
  expect(known.json).toEqual(mock.db.byId.get('conv_17'))
})

test('a conversation of 250 messages is paged 100 at a time', async () => {
  const long = mock.db.conversations.find((row) => row.message_count === 250)
  const url = `${mock.url}/conversations/${long?.id ?? ''}/messages?limit=100`
  const pages = await Promise.all([1, 2, 3].map((page) => rawGet(`${url}&page=${page}`, key)))
  const bodies = pages.map((page) => page.json as { data: { id: string }[]; pagination: unknown })
  expect(bodies.map((body) => body.data.length)).toEqual([100, 100, 50])
  expect(new Set(bodies.flatMap((body) => body.data.map((m) => m.id))).size).toBe(250)
  expect(bodies[2]?.pagination).toEqual({ page: 3, limit: 100, total: 250, total_pages: 3 })
})

test('filters customers by the name, email or external_id in the body', async () => {
  const target = mock.db.customers.find((c) => c.name && c.email)
  const byName = await rawGet(`${mock.url}/customer-users`, {
    ...key,
    name: target?.name?.toUpperCase(),
  })
  expect((byName.json as { data: unknown[] }).data).toContainEqual(target)
  const byExternal = await rawGet(`${mock.url}/customer-users`, {
    ...key,
    external_id: target?.external_id,
  })
  expect((byExternal.json as { data: unknown[] }).data).toEqual([target])
})

test('the control route switches on 500s for the next N requests and counts them', async () => {
  expect((await control('faults', { status500: 2 })).status).toBe(200)
  const statuses = []
  for (let i = 0; i < 3; i++) statuses.push((await rawGet(`${mock.url}/conversations`, key)).status)
  expect(statuses).toEqual([500, 500, 200])
  expect(mock.stats()).toEqual({ requests: 3, byStatus: { '500': 2, '200': 1 } })
  const stats = await rawGet(`${new URL(mock.url).origin}/__control/stats`)
  expect(stats.json).toEqual(mock.stats())
})

test('a 429 fault carries Retry-After, malformed JSON is cut short', async () => {
  await control('faults', { status429: { count: 1, retryAfterSeconds: 7 }, malformedJson: 1 })
  const limited = await rawGet(`${mock.url}/conversations`, key)
  expect(limited.status).toBe(429)
  expect(limited.headers['retry-after']).toBe('7')
  const malformed = await rawGet(`${mock.url}/conversations`, key)
  expect(malformed.status).toBe(200)
  expect(malformed.json).toBeUndefined()
  expect((await rawGet(`${mock.url}/conversations`, key)).json).toBeDefined()
})

test('the control route rejects unknown fault switches', async () => {
  const answer = await control('faults', { status503: 1 })
  expect(answer.status).toBe(400)
  expect(mock.faults.current()).toEqual({})
})

test('insert adds conversations at the head; reset restores data, faults and stats', async () => {
  await control('insert', { count: 2 })
  expect((await rawGet(`${mock.url}/conversations?limit=1`, key)).json).toMatchObject({
    data: [{ id: 'conv_252' }],
    pagination: { total: 252 },
  })
  mock.faults.set({ status500: 5 })
  await control('reset', {})
  expect(mock.faults.current()).toEqual({})
  expect(mock.stats().requests).toBe(0)
  expect(mock.db.conversations).toHaveLength(250)
})

test('a hanging request is released when the mock closes', async () => {
  mock.faults.set({ hang: true })
  let arrive = () => {}
  const reached = new Promise<void>((resolve) => (arrive = resolve))
  mock.use(http.all('*', () => arrive()))
  const pending = rawGet(`${mock.url}/conversations`, key).then(
    () => 'answered',
    () => 'connection closed',
  )
  await reached
  await mock.close()
  expect(await pending).toBe('connection closed')
  mock = await startMockUpstream()
})

test('use() puts a test handler in front until resetHandlers()', async () => {
  mock.use(http.get(`${mock.url}/conversations`, () => HttpResponse.json({ overridden: true })))
  expect((await rawGet(`${mock.url}/conversations`, key)).json).toEqual({ overridden: true })
  mock.resetHandlers()
  expect((await rawGet(`${mock.url}/conversations`, key)).status).toBe(200)
  expect((await rawGet(`${mock.url}/conversations`, key)).json).not.toEqual({ overridden: true })
})
