// 200 clients that open the push stream and never read it: the server closes each once
// its backlog passes the bound, so memory stays flat however much is pushed.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { connect, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { expect, test } from 'vitest'
import type { SyncStatus } from '../../src/lib/contract.ts'
import { realClock } from '../clock.ts'
import { createPushHub, defaultPushLimits } from './push.ts'

const base: SyncStatus = {
  complete: false,
  loaded: 0,
  total: 1_000_000,
  as_of: null,
  syncing: true,
  possibly_incomplete: false,
  wait: null,
  error: { code: 'x', message: 'y'.repeat(2000) },
  version: 0,
}

test('200 streams that are never read cost at most their bound, then are closed', async () => {
  let status = base
  const listeners = new Set<(s: SyncStatus) => void>()
  const hub = createPushHub(
    { status: () => status, onStatus: (l) => (listeners.add(l), () => listeners.delete(l)) },
    realClock,
    { ...defaultPushLimits, minIntervalMs: 0, perClient: 500 },
  )
  const app = new Hono()
  app.get('/api/events', (c) => hub.handle(c, 'one-address'))
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  const sockets: Socket[] = []
  try {
    for (let i = 0; i < 200; i++) {
      const socket = connect(port, '127.0.0.1')
      socket.write('GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n')
      socket.pause()
      sockets.push(socket)
    }
    await expect.poll(() => hub.open(), { timeout: 10_000 }).toBe(200)
    global.gc?.()
    const before = process.memoryUsage()
    // 2,000 statuses of ~2 kB to each of 200 streams: 800 MB if nothing were bounded.
    for (let i = 1; i <= 2000; i++) {
      status = { ...base, loaded: i, version: i }
      for (const listener of listeners) listener(status)
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await expect.poll(() => hub.open(), { timeout: 10_000 }).toBe(0)
    const after = process.memoryUsage()
    const grownMb =
      (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 2 ** 20
    // Bound: 200 streams × 64 kB of backlog each, plus what sockets and zlib-free writes buffer.
    expect(grownMb).toBeLessThan(60)
  } finally {
    for (const socket of sockets) socket.destroy()
    hub.closeAll()
    server.close()
  }
})
