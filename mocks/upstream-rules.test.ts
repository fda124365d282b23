import { getResponse } from 'msw'
import { expect, test } from 'vitest'
import { createMockDb } from './data.ts'
import { createFaults } from './faults.ts'
import { createHandlers } from './handlers.ts'
import { createUpstreamRules } from './upstream-rules.ts'

const baseUrl = 'http://perform.test/rest/v1'
const key = { keyId: 'k', keySecret: 's' }

function setup() {
  let now = Date.parse('2026-01-01T00:00:00Z')
  const rules = createUpstreamRules({ ...key, now: () => now })
  const handlers = createHandlers({
    baseUrl,
    db: createMockDb({ conversations: 5 }),
    faults: createFaults(),
    rules,
  })
  const call = async (body: unknown = key) => {
    // What the loopback server does: a GET may not carry a body in a Fetch Request.
    const request = new Request(`${baseUrl}/conversations`, {
      method: 'POST',
      body: JSON.stringify(body),
    })
    Object.defineProperty(request, 'method', { value: 'GET' })
    const response = await getResponse(handlers, request)
    return { status: response?.status, retryAfter: response?.headers.get('Retry-After') }
  }
  return { call, advance: (ms: number) => (now += ms) }
}

test('the 1001st request within 60 seconds is 429 with the seconds until a slot frees', async () => {
  const { call, advance } = setup()
  for (let i = 0; i < 1000; i++) {
    expect((await call()).status).toBe(200)
    if (i === 0) advance(20_000)
  }
  advance(10_000)
  expect(await call()).toEqual({ status: 429, retryAfter: '30' })
  advance(30_000)
  expect((await call()).status).toBe(200)
  expect((await call()).status).toBe(429)
})

test('10 failed authentications in 5 minutes lock out even the right key', async () => {
  const { call, advance } = setup()
  for (let i = 0; i < 10; i++)
    expect((await call({ keyId: 'k', keySecret: 'wrong' })).status).toBe(401)
  advance(60_000)
  expect(await call()).toEqual({ status: 429, retryAfter: '240' })
  advance(240_000)
  expect((await call()).status).toBe(200)
})
