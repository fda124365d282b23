import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, test } from 'vitest'
import { createLogger } from '../logger.ts'
import { startHarness, testKey, type Harness } from '../testing/test-harness.ts'

let harness: Harness | undefined
afterEach(() => harness?.close())

const entries = (logs: string[]) => logs.map((line) => JSON.parse(line) as Record<string, unknown>)
const requestLines = (logs: string[]) => entries(logs).filter((entry) => entry.msg === 'request')

test('every line is JSON with level, time and msg first', () => {
  const lines: string[] = []
  const logger = createLogger('info', (line) => lines.push(line))
  logger.info('hello', { path: '/x', msg: 'not this', level: 'error' })
  logger.debug('hidden')
  expect(lines).toHaveLength(1)
  const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>
  expect(Object.keys(entry).slice(0, 3)).toEqual(['level', 'time', 'msg'])
  expect(entry).toMatchObject({ level: 'info', msg: 'hello', path: '/x' })
  expect(new Date(String(entry.time)).toISOString()).toBe(entry.time)
})

test('the secrets it is given never reach a line, even inside a message', () => {
  const lines: string[] = []
  const logger = createLogger('debug', (line) => lines.push(line), ['s3cr"et\\value', 'pw'])
  logger.error('upstream said s3cr"et\\value back', { detail: 'x s3cr"et\\value' })
  expect(lines[0]).not.toContain('s3cr')
  expect(lines[0]).toContain('[redacted]')
})

test('one line per request: method, path, status, duration, upstream calls', async () => {
  harness = await startHarness({}, { client: true, sync: false })
  const { app, logs } = harness
  await app.request('/api/conversations?page=2&limit=5')
  await app.request('/api/conversations?limit=5000')
  await app.request('/conversations/conv_1')
  const lines = requestLines(logs)
  expect(lines).toHaveLength(3)
  expect(lines).toMatchObject([
    {
      level: 'info',
      method: 'GET',
      path: '/api/conversations',
      query_keys: ['page', 'limit'],
      status: 200,
      upstream_calls: 0,
    },
    { path: '/api/conversations', status: 400, upstream_calls: 0 },
    { path: '/conversations/conv_1', status: 200, upstream_calls: 0 },
  ])
  for (const line of lines) expect(line.duration_ms).toEqual(expect.any(Number))
})

test('query values (a customer search may be an email) are never logged', async () => {
  harness = await startHarness()
  await harness.app.request('/api/customers?q=alice.martin%40example.com')
  const text = harness.logs.join('\n')
  expect(text).not.toContain('alice')
  expect(requestLines(harness.logs)).toMatchObject([{ path: '/api/customers', query_keys: ['q'] }])
})

test('LOG_LEVEL=warn keeps only failures, which are logged at warn', async () => {
  harness = await startHarness({ LOG_LEVEL: 'warn' }, { sync: false })
  const { app, logs, mock } = harness
  await app.request('/api/conversations')
  expect(requestLines(logs)).toEqual([])
  mock.faults.set({ status500: 1 })
  await app.request('/api/conversations/conv_not_mirrored')
  expect(requestLines(logs)).toMatchObject([{ level: 'warn', status: 502, upstream_calls: 1 }])
})

test('no line holds the secret or the key sent upstream, whatever happens', async () => {
  harness = await startHarness()
  const { app, logs, mock } = harness
  mock.faults.set({ status500: 1, malformedJson: 1 })
  for (const path of ['/api/conversations', '/api/conversations', '/api/conversations/x.y']) {
    await app.request(path)
  }
  mock.faults.set({ hang: true })
  await app.request('/api/conversations/conv_1')
  expect(logs.length).toBeGreaterThan(4)
  expect(logs.join('\n')).not.toContain(testKey.keySecret)
  expect(logs.join('\n')).not.toContain('keySecret')
})

test('a push stream is logged when it ends, with its whole duration', async () => {
  harness = await startHarness({}, { sync: false })
  const server = serve({ fetch: harness.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  try {
    const answer = await fetch(`http://127.0.0.1:${port}/api/events`)
    const reader = answer.body?.getReader()
    await reader?.read()
    expect(requestLines(harness.logs)).toEqual([])
    harness.services.push.closeAll()
    while (!(await reader?.read())?.done);
    while (requestLines(harness.logs).length === 0) {
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(requestLines(harness.logs)).toMatchObject([{ path: '/api/events', status: 200 }])
  } finally {
    server.close()
  }
})

test('a request whose client leaves is stopped, and logged as aborted', async () => {
  harness = await startHarness({}, { sync: false })
  const { services, logs } = harness
  let started = () => {}
  const running = new Promise<void>((resolve) => (started = resolve))
  let stopped: unknown
  // Work that ends with its signal's reason once it is aborted (signal.throwIfAborted()).
  services.store.countConversations = (_filters, signal) =>
    new Promise((_resolve, reject) => {
      started()
      signal?.addEventListener(
        'abort',
        () => {
          stopped = signal.reason
          reject(signal.reason as Error)
        },
        { once: true },
      )
    })
  const server = serve({ fetch: harness.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  try {
    const client = new AbortController()
    const answer = fetch(`http://127.0.0.1:${port}/api/conversations/count?q=r`, {
      signal: client.signal,
    }).catch((error: unknown) => error)
    await running
    client.abort()
    expect(await answer).toBeInstanceOf(Error)
    await expect.poll(() => stopped).toBeDefined()
    await expect
      .poll(() => requestLines(logs))
      .toMatchObject([{ path: '/api/conversations/count', status: 499, aborted: true }])
    expect(stopped).toBeInstanceOf(Error)
    expect(entries(logs).filter((entry) => entry.level === 'error')).toEqual([])
  } finally {
    server.close()
  }
})
