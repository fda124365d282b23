import { Hono } from 'hono'
import { expect, test } from 'vitest'
import type { SyncStatus } from '../../src/lib/contract.ts'
import { realClock } from '../clock.ts'
import { createPushHub, defaultPushLimits, type StatusSource } from './push.ts'

function source(initial: Partial<SyncStatus> = {}) {
  let status: SyncStatus = {
    complete: false,
    loaded: 0,
    total: null,
    as_of: null,
    syncing: true,
    possibly_incomplete: false,
    wait: null,
    error: null,
    version: 0,
    ...initial,
  }
  const listeners = new Set<(s: SyncStatus) => void>()
  const statusSource: StatusSource = {
    status: () => status,
    onStatus: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  const change = (next: Partial<SyncStatus>) => {
    status = { ...status, ...next }
    for (const listener of listeners) listener(status)
  }
  return { statusSource, change }
}

function appFor(hub: ReturnType<typeof createPushHub>, client = 'client-a') {
  const app = new Hono()
  app.get('/api/events', (c) => hub.handle(c, client))
  app.onError((error) => Response.json({ error: error.message }, { status: 429 }))
  return app
}

async function readEvents(response: Response, count: number): Promise<string[]> {
  const reader = (response.body ?? new ReadableStream())
    .pipeThrough(new TextDecoderStream())
    .getReader()
  let text = ''
  while (text.split('\n\n').length <= count) {
    const chunk = await reader.read()
    if (chunk.done) break
    text += chunk.value
  }
  void reader.cancel()
  return text.split('\n\n').filter(Boolean).slice(0, count)
}

test('a stream starts with the current status and gets each change', async () => {
  const { statusSource, change } = source({ loaded: 100 })
  const hub = createPushHub(statusSource, realClock, { ...defaultPushLimits, minIntervalMs: 0 })
  const response = await appFor(hub).request('/api/events')
  expect(response.headers.get('Content-Type')).toMatch(/^text\/event-stream/)
  expect(response.headers.get('X-Accel-Buffering')).toBe('no')
  const events = readEvents(response, 2)
  change({ loaded: 200, complete: true })
  const [first, second] = await events
  expect(first).toContain('event: status')
  expect(first).toContain('"loaded":100')
  expect(second).toContain('"loaded":200')
  expect(second).toContain('"complete":true')
  hub.closeAll()
})

test('closing tells every stream the server restarts, then ends it', async () => {
  const { statusSource } = source()
  const hub = createPushHub(statusSource, realClock)
  const response = await appFor(hub).request('/api/events')
  hub.closeAll()
  const text = await response.text()
  expect(text).toMatch(/event: restart\ndata: \{\}\n\n$/)
  expect(hub.open()).toBe(0)
})

test('one client address may hold only so many streams', async () => {
  const { statusSource } = source()
  const hub = createPushHub(statusSource, realClock, { ...defaultPushLimits, perClient: 20 })
  const app = appFor(hub)
  const open = await Promise.all(
    Array.from({ length: 20 }, () => Promise.resolve(app.request('/api/events'))),
  )
  expect(open.every((response) => response.status === 200)).toBe(true)
  expect((await app.request('/api/events')).status).toBe(429)
  expect((await appFor(hub, 'client-b').request('/api/events')).status).toBe(200)
  hub.closeAll()
})

test('a reader that never reads is closed once its backlog passes the bound', async () => {
  const { statusSource, change } = source()
  const hub = createPushHub(statusSource, realClock, {
    ...defaultPushLimits,
    minIntervalMs: 0,
    maxQueuedBytes: 4096,
  })
  await appFor(hub).request('/api/events')
  expect(hub.open()).toBe(1)
  for (let i = 0; i < 100; i++) change({ loaded: i })
  expect(hub.open()).toBe(0)
  hub.closeAll()
})
