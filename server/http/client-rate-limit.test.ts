import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, test } from 'vitest'
import { createFakeClock } from '../clock.ts'
import { startHarness, type Harness } from '../testing/test-harness.ts'

let harness: Harness | undefined
afterEach(() => harness?.close())

test('answers 429 with Retry-After after API_RATE_PER_MINUTE requests from one address', async () => {
  const clock = createFakeClock(Date.UTC(2025, 0, 1, 12, 0, 30))
  harness = await startHarness({ API_RATE_PER_MINUTE: '3' }, { overrides: { clock }, sync: false })
  const { from, mock } = harness
  for (let i = 0; i < 3; i++) {
    expect((await from('203.0.113.5', '/api/conversations?limit=1')).status).toBe(200)
  }
  const limited = await from('203.0.113.5', '/api/conversations?limit=1')
  expect(limited.status).toBe(429)
  expect(limited.headers.get('Retry-After')).toBe('50')
  expect(await limited.json()).toEqual({
    error: {
      code: 'rate_limited',
      message:
        'Too many requests from this address: the dashboard allows 3 a minute ' +
        '(API_RATE_PER_MINUTE). Try again in 50 seconds.',
    },
  })
  // Answered from the mirror: perform.chat saw none of it.
  expect(mock.stats().requests).toBe(0)
  expect((await from('203.0.113.6', '/api/conversations?limit=1')).status).toBe(200)
  expect((await from('203.0.113.5', '/api/health')).status).toBe(200)
  await clock.advance(50_000)
  expect((await from('203.0.113.5', '/api/conversations?limit=1')).status).toBe(200)
})

test('pages are not counted, so loading the app spends nothing', async () => {
  harness = await startHarness({ API_RATE_PER_MINUTE: '1' }, { client: true })
  for (let i = 0; i < 5; i++) expect((await harness.from('203.0.113.5', '/')).status).toBe(200)
  expect((await harness.from('203.0.113.5', '/api/conversations?limit=1')).status).toBe(200)
  expect((await harness.from('203.0.113.5', '/api/conversations?limit=1')).status).toBe(429)
})

test('over real sockets the peer address counts, not a spoofed X-Forwarded-For', async () => {
  harness = await startHarness({ API_RATE_PER_MINUTE: '2' })
  const server = serve({ fetch: harness.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  try {
    const statuses = []
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/api/conversations?limit=1`, {
        headers: { 'X-Forwarded-For': `198.51.100.${i}` },
      })
      statuses.push(response.status)
    }
    expect(statuses).toEqual([200, 200, 429])
  } finally {
    server.close()
  }
})

test('behind a trusted proxy each forwarded client has its own budget', async () => {
  harness = await startHarness({ API_RATE_PER_MINUTE: '1', TRUST_PROXY_HOPS: '1' })
  const via = (client: string) =>
    harness?.from('127.0.0.1', '/api/conversations?limit=1', {
      headers: { 'X-Forwarded-For': client },
    })
  expect((await via('198.51.100.1'))?.status).toBe(200)
  expect((await via('198.51.100.2'))?.status).toBe(200)
  expect((await via('198.51.100.1'))?.status).toBe(429)
})
