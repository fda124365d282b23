import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, test } from 'vitest'
import * as z from 'zod/mini'
import { createUpstreamClient } from './client.ts'
import { UpstreamError, upstreamTooLargeCode } from './errors.ts'
import { maxBodyBytes, sendJsonGet } from './request.ts'

let server: Server | undefined
afterEach(() => {
  server?.closeAllConnections()
  server?.close()
  server = undefined
})

async function serve(handler: RequestListener): Promise<{ url: URL; requests: () => number }> {
  let requests = 0
  server = createServer((request, response) => {
    requests++
    handler(request, response)
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: new URL(`http://127.0.0.1:${port}/conversations`), requests: () => requests }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected the request to fail'),
    (reason: unknown) => reason,
  )
}

const send = (url: URL, max: number) =>
  sendJsonGet(url, '{}', { timeoutMs: 5_000, maxBodyBytes: max })

test('a streamed body over the limit fails as upstream_too_large, not as unreachable', async () => {
  const { url } = await serve((_, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' })
    // Chunked, no Content-Length: the limit can only be seen while reading.
    const timer = setInterval(() => response.write('x'.repeat(400)), 1)
    response.on('close', () => clearInterval(timer))
  })
  const error = await rejection(send(url, 1_000))
  expect(error).toBeInstanceOf(UpstreamError)
  expect(error).toMatchObject({
    status: 502,
    code: upstreamTooLargeCode,
    retryable: false,
    upstreamStatus: 200,
    message:
      'perform.chat sent a response larger than 1000 bytes; the dashboard stops reading there.',
  })
})

test('a declared length over the limit fails before the body arrives', async () => {
  const { url } = await serve((_, response) => {
    // Declares far more than it sends and then keeps the socket open: only reading the
    // header can end this before the timeout.
    response.writeHead(200, { 'Content-Length': String(maxBodyBytes + 1) })
    response.write('{')
  })
  const error = await rejection(sendJsonGet(url, '{}', { timeoutMs: 5_000 }))
  expect(error).toMatchObject({ code: 'upstream_too_large' })
  expect((error as Error).message).toBe(
    'perform.chat sent a response larger than 64 MB; the dashboard stops reading there.',
  )
})

test('a body exactly at the limit is read whole', async () => {
  const body = JSON.stringify({ data: 'y'.repeat(990) })
  const { url } = await serve((_, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end(body)
  })
  const answer = await send(url, Buffer.byteLength(body))
  expect(answer).toMatchObject({ status: 200, body })
})

test('the client reports a too-large answer as such, once, and not as unreachable', async () => {
  const { url, requests } = await serve((_, response) => {
    response.writeHead(200, { 'Content-Length': String(maxBodyBytes + 1) })
    response.write('{')
  })
  const upstream = createUpstreamClient({
    baseUrl: url.origin,
    keyId: 'key-id',
    keySecret: 'key-secret-value',
    timeoutMs: 5_000,
  })
  const error = await rejection(upstream.get('/conversations', { schema: z.unknown() }))
  expect(error).toMatchObject({ status: 502, code: 'upstream_too_large', retryable: false })
  expect((error as Error).message).toContain('larger than 64 MB')
  expect(upstream.status().state).not.toBe('unreachable')
  expect(requests()).toBe(1)
})

test("a person's call gets a connection while every one of the sync's is held", async () => {
  const { url } = await serve((request, response) => {
    // The sync's calls hang (perform.chat stuck); the other answers at once.
    if (request.url?.includes('hang')) return
    response.writeHead(200, { 'Content-Type': 'application/json' })
    response.end('{"ok":true}')
  })
  const stuck = new AbortController()
  const hanging = new URL(url)
  hanging.searchParams.set('hang', '1')
  const held = Array.from({ length: 128 }, () =>
    sendJsonGet(hanging, '{}', { timeoutMs: 10_000, signal: stuck.signal, pool: 'sync' }).catch(
      () => 'stopped',
    ),
  )
  const startedAt = performance.now()
  const answer = await sendJsonGet(url, '{}', { timeoutMs: 10_000, pool: 'interactive' })
  expect(answer.body).toBe('{"ok":true}')
  expect(performance.now() - startedAt).toBeLessThan(2_000)
  // A 129th call of the sync waits for one of the 128 sockets: the pools are apart.
  const queued = sendJsonGet(url, '{}', { timeoutMs: 300, pool: 'sync' })
  expect(await rejection(queued)).toMatchObject({ kind: 'timeout' })
  stuck.abort()
  expect(await Promise.all(held)).toEqual(Array(128).fill('stopped'))
})
