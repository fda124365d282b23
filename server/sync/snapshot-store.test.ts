import { expect, test } from 'vitest'
import { createFakeClock } from '../clock.ts'
import { controlledCrawls } from '../testing/controlled-crawl.ts'
import { createSnapshotStore, type SnapshotEvent } from './snapshot-store.ts'

type Row = { id: string }

function setup(ttlSeconds = 60) {
  const clock = createFakeClock(0)
  const { runs, crawl, run } = controlledCrawls<Row>(clock)
  const store = createSnapshotStore<Row>({ crawl, ttlSeconds, clock })
  const events: SnapshotEvent<Row>[] = []
  return {
    clock,
    runs,
    run,
    store,
    events,
    record: (event: SnapshotEvent<Row>) => events.push(event),
  }
}

const rows = (...ids: string[]) => ids.map((id) => ({ id }))

test('simultaneous requests share one crawl', async () => {
  const { runs, run, store, events, record } = setup()
  store.watch(record)
  const read = store.read()
  store.watch((event) => record(event))
  expect(runs).toHaveLength(1)
  run(0).finish(rows('a', 'b'))
  expect((await read).rows).toEqual(rows('a', 'b'))
  expect(events.filter((event) => event.type === 'done')).toHaveLength(2)
})

test('a reader joining a first crawl gets the rows so far, then the rest live', async () => {
  const { clock, run, store, events, record } = setup()
  store.watch(() => undefined)
  run(0).progress({ type: 'total', total: 3 })
  run(0).progress({ type: 'rows', rows: rows('a', 'b') })
  run(0).progress({ type: 'wait', untilMs: clock.now() + 30_000 })
  store.watch(record)
  run(0).progress({ type: 'rows', rows: rows('c') })
  run(0).finish(rows('a', 'b', 'c'))
  await clock.advance(0)
  expect(events.map((event) => event.type)).toEqual(['total', 'rows', 'wait', 'rows', 'done'])
  expect(events[1]).toEqual({ type: 'rows', rows: rows('a', 'b') })
})

test('serves the stale snapshot at once while one background refresh runs', async () => {
  const { clock, runs, run, store, events, record } = setup(60)
  store.watch(() => undefined)
  await clock.advance(1000)
  run(0).finish(rows('a'))
  await clock.advance(60_000)
  store.watch(record)
  store.watch(record)
  expect(runs).toHaveLength(2)
  const served = events.map((event) => (event.type === 'snapshot' ? event.snapshot : event.type))
  expect(served).toMatchObject([
    { rows: rows('a'), asOf: 0 },
    { rows: rows('a'), asOf: 0 },
  ])
  run(1).finish(rows('a', 'b'))
  await clock.advance(0)
  expect(store.current()).toMatchObject({ rows: rows('a', 'b'), asOf: 61_000 })
})

test('does not refresh sooner than twice the last crawl took', async () => {
  const { clock, runs, run, store } = setup(10)
  store.watch(() => undefined)
  await clock.advance(50_000)
  run(0).finish(rows('a'))
  await clock.advance(0)
  await clock.advance(99_999)
  store.watch(() => undefined)
  expect(runs).toHaveLength(1)
  await clock.advance(1)
  store.watch(() => undefined)
  expect(runs).toHaveLength(2)
})

test('a possibly incomplete snapshot is refreshed before its TTL, once twice its crawl time has passed', async () => {
  const { clock, runs, run, store } = setup(60)
  store.watch(() => undefined)
  await clock.advance(2000)
  run(0).finish(rows('a'), false)
  await clock.advance(3999)
  store.watch(() => undefined)
  expect(runs).toHaveLength(1)
  await clock.advance(1)
  store.watch(() => undefined)
  expect(runs).toHaveLength(2)
  run(1).finish(rows('a', 'b'))
  await clock.advance(0)
  expect(store.current()).toMatchObject({ rows: rows('a', 'b'), complete: true })
  await clock.advance(10_000)
  store.watch(() => undefined)
  expect(runs).toHaveLength(2)
})

test('keeps the old snapshot when a refresh fails, and records why', async () => {
  const { clock, runs, run, store } = setup(10)
  store.watch(() => undefined)
  run(0).finish(rows('a'))
  await clock.advance(11_000)
  store.watch(() => undefined)
  run(1).fail(new Error('perform.chat failed with HTTP 500'))
  await clock.advance(0)
  expect(store.current()?.rows).toEqual(rows('a'))
  expect(store.status()).toMatchObject({
    crawling: false,
    lastError: new Error('perform.chat failed with HTTP 500'),
  })
  // Not retried on every request: the next attempt waits another TTL.
  store.watch(() => undefined)
  expect(runs).toHaveLength(2)
})

test('reports a failed first crawl to every waiting reader, and the next request tries again', async () => {
  const { clock, runs, run, store, events, record } = setup()
  store.watch(record)
  const read = store.read()
  run(0).fail(new Error('Check API_KEY_ID and API_KEY_SECRET'))
  await expect(read).rejects.toThrow('Check API_KEY_ID')
  await clock.advance(0)
  expect(events).toEqual([
    { type: 'error', error: new Error('Check API_KEY_ID and API_KEY_SECRET') },
  ])
  store.watch(record)
  expect(runs).toHaveLength(2)
})
