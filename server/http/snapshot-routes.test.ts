import { Hono } from 'hono'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { expect, test } from 'vitest'
import { snapshotLineSchema, ConversationSchema, ApiErrorSchema } from '../../src/lib/contract.ts'
import { createFakeClock } from '../clock.ts'
import { controlledCrawls, type ControlledRun } from '../testing/controlled-crawl.ts'
import { ApiFailure, errorBody } from '../errors.ts'
import { newestActivityFirst } from './snapshot-order.ts'
import { snapshotRoutes } from './snapshot-routes.ts'
import { createSnapshotStore } from '../sync/snapshot-store.ts'

type Row = { id: string; title: string; updated_at?: string }
const LineSchema = snapshotLineSchema(ConversationSchema)

function setup() {
  const clock = createFakeClock(Date.UTC(2025, 5, 1, 12))
  const { runs: crawls, crawl, run: crawlAt } = controlledCrawls<Row>(clock)
  const store = createSnapshotStore<Row>({ crawl, ttlSeconds: 60, clock })
  const customers = createSnapshotStore<Row>({ crawl, ttlSeconds: 60, clock })
  const app = new Hono()
  app.route('/api', snapshotRoutes({ conversations: store, customers }, clock))
  app.onError((error, c) =>
    error instanceof ApiFailure
      ? c.json(errorBody(error.code, error.message), error.status as 500)
      : c.json(errorBody('internal_error', 'unexpected'), 500),
  )
  return { clock, app, store, crawlAt, crawls }
}

const makeRows = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ id: `conv_${from + i}`, title: `Title ${from + i}` }))

/** Reads NDJSON lines as they arrive, each validated by the contract's schema. */
function lineReader(response: Response) {
  if (!response.body) throw new Error('no body')
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let pending = ''
  const next = async () => {
    while (!pending.includes('\n')) {
      const { done, value } = await reader.read()
      if (done) return undefined
      pending += value
    }
    const at = pending.indexOf('\n')
    const line = pending.slice(0, at)
    pending = pending.slice(at + 1)
    return LineSchema.parse(JSON.parse(line))
  }
  const rest = async () => {
    const lines = []
    for (let line = await next(); line; line = await next()) lines.push(line)
    return lines
  }
  return { next, rest, cancel: () => reader.cancel() }
}

test('streams an existing snapshot at once: meta, rows in lines of at most 1000, end', async () => {
  const { app, crawlAt, store } = setup()
  void store.read()
  crawlAt(0).finish(makeRows(2500))
  await store.read()
  const response = await app.request('/api/conversations/snapshot')
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8')
  const lines = await lineReader(response).rest()
  const asOf = '2025-06-01T12:00:00.000Z'
  expect(lines.map((line) => (line.type === 'rows' ? line.rows.length : line))).toEqual([
    { type: 'meta', total: 2500, as_of: asOf, complete: true },
    1000,
    1000,
    500,
    { type: 'end', complete: true, as_of: asOf },
  ])
})

test('every reader of a complete snapshot receives all of it, though its lines are encoded once', async () => {
  const { app, crawlAt, store } = setup()
  void store.read()
  crawlAt(0).finish(makeRows(2500))
  await store.read()
  const bodies = await Promise.all(
    [1, 2, 3].map(async () => (await app.request('/api/conversations/snapshot')).text()),
  )
  const again = await (await app.request('/api/conversations/snapshot')).text()
  for (const body of [...bodies, again]) {
    const rows = body
      .trim()
      .split('\n')
      .map((line) => LineSchema.parse(JSON.parse(line)))
      .flatMap((line) => (line.type === 'rows' ? line.rows : []))
    expect(rows).toEqual(makeRows(2500).toSorted(newestActivityFirst))
  }
})

test('a complete snapshot is sent compressed as asked, the same bytes for every reader', async () => {
  const { app, crawlAt, store } = setup()
  void store.read()
  crawlAt(0).finish(makeRows(2500))
  await store.read()
  const plain = await (await app.request('/api/conversations/snapshot')).text()
  for (const [encoding, decompress] of [
    ['gzip', gunzipSync],
    ['br', brotliDecompressSync],
  ] as const) {
    const ask = () =>
      app.request('/api/conversations/snapshot', { headers: { 'Accept-Encoding': encoding } })
    const first = await ask()
    expect(first.headers.get('Content-Encoding')).toBe(encoding)
    expect(first.headers.get('Vary')).toContain('Accept-Encoding')
    const bytes = Buffer.from(await first.arrayBuffer())
    expect(bytes.length).toBeLessThan(plain.length / 3)
    expect(decompress(bytes).toString('utf8')).toBe(plain)
    expect(Buffer.from(await (await ask()).arrayBuffer())).toEqual(bytes)
  }
  const lines = plain.trim().split('\n')
  expect(lines).toHaveLength(5)
})

test('a complete conversation snapshot streams newest activity first, missing last, ties by id', async () => {
  const { app, crawlAt, store } = setup()
  const at = (minute: number) => new Date(Date.UTC(2025, 5, 1, 12, minute)).toISOString()
  const rows = [
    { id: 'conv_1', title: 'old', updated_at: at(1) },
    { id: 'conv_2', title: 'no activity' },
    { id: 'conv_3', title: 'newest', updated_at: at(30) },
    { id: 'conv_0', title: 'tie, smaller id', updated_at: at(1) },
  ]
  void store.read()
  crawlAt(0).finish(rows)
  await store.read()
  const lines = await lineReader(await app.request('/api/conversations/snapshot')).rest()
  const ids = lines.flatMap((line) => (line.type === 'rows' ? line.rows.map((row) => row.id) : []))
  expect(ids).toEqual(['conv_3', 'conv_0', 'conv_1', 'conv_2'])
})

test('streams rows of a first crawl as pages arrive, before the crawl ends', async () => {
  const { app, crawlAt } = setup()
  const lines = lineReader(
    await pending(app, crawlAt, (crawl) => crawl.progress({ type: 'total', total: 250 })),
  )
  expect(await lines.next()).toEqual({ type: 'meta', total: 250, as_of: null, complete: false })
  crawlAt(0).progress({ type: 'rows', rows: makeRows(100) })
  expect(await lines.next()).toMatchObject({ type: 'rows', rows: makeRows(100) })
  crawlAt(0).progress({ type: 'rows', rows: makeRows(150, 100) })
  crawlAt(0).finish(makeRows(250))
  expect(await lines.rest()).toEqual([
    { type: 'rows', rows: makeRows(150, 100) },
    { type: 'end', complete: true, as_of: '2025-06-01T12:00:00.000Z' },
  ])
})

test('says how long the rate limit holds a first crawl back', async () => {
  const { app, clock, crawlAt } = setup()
  const lines = lineReader(
    await pending(app, crawlAt, (crawl) =>
      crawl.progress({ type: 'wait', untilMs: clock.now() + 41_500 }),
    ),
  )
  expect(await lines.next()).toEqual({ type: 'meta', total: 0, as_of: null, complete: false })
  expect(await lines.next()).toEqual({
    type: 'wait',
    reason: 'rate_limit',
    retry_after_seconds: 42,
  })
  crawlAt(0).progress({ type: 'total', total: 1 })
  expect(await lines.next()).toEqual({ type: 'meta', total: 1, as_of: null, complete: false })
})

test('answers with an HTTP error when a first crawl fails before any line', async () => {
  const { app, crawlAt } = setup()
  const response = pending(app, crawlAt, (crawl) =>
    crawl.fail(
      new ApiFailure(502, 'upstream_unauthorized', 'Check API_KEY_ID and API_KEY_SECRET.'),
    ),
  )
  const failed = await response
  expect(failed.status).toBe(502)
  expect(ApiErrorSchema.parse(await failed.json())).toEqual({
    error: { code: 'upstream_unauthorized', message: 'Check API_KEY_ID and API_KEY_SECRET.' },
  })
})

test('ends the stream with an error line when the crawl fails midway', async () => {
  const { app, crawlAt } = setup()
  const lines = lineReader(
    await pending(app, crawlAt, (crawl) => crawl.progress({ type: 'total', total: 500 })),
  )
  crawlAt(0).progress({ type: 'rows', rows: makeRows(100) })
  crawlAt(0).fail(
    new ApiFailure(
      502,
      'upstream_error',
      'perform.chat failed with HTTP 500. Try again in a moment.',
    ),
  )
  expect((await lines.rest()).map((line) => line.type)).toEqual(['meta', 'rows', 'error'])
})

test('a client that leaves does not stop the shared crawl for the others', async () => {
  const { app, crawlAt, crawls } = setup()
  const leaving = lineReader(
    await pending(app, crawlAt, (crawl) => crawl.progress({ type: 'total', total: 2 })),
  )
  const staying = lineReader(await app.request('/api/conversations/snapshot'))
  await leaving.next()
  await leaving.cancel()
  crawlAt(0).progress({ type: 'rows', rows: makeRows(2) })
  crawlAt(0).finish(makeRows(2))
  expect((await staying.rest()).map((line) => line.type)).toEqual(['meta', 'rows', 'end'])
  expect(crawls).toHaveLength(1)
})

/** Requests the snapshot, then lets the crawl it started say its first thing. */
async function pending(
  app: Hono,
  crawlAt: (at: number) => ControlledRun<Row>,
  first: (crawl: ControlledRun<Row>) => void,
): Promise<Response> {
  const response = app.request('/api/conversations/snapshot')
  await Promise.resolve()
  first(crawlAt(0))
  return response
}
