import { QueryClient } from '@tanstack/react-query'
import { afterEach, expect, test, vi } from 'vitest'
import { stubEventSource } from '../test/fake-event-source.ts'
import { syncStatus } from '../test/fake-api.ts'
import { syncQueries } from './queries/sync-queries.ts'
import { connectSyncEvents, reconnectSyncEvents } from './sync-events.ts'

afterEach(() => {
  vi.useRealTimers()
})

function connect() {
  const events = stubEventSource()
  const client = new QueryClient()
  const connection = connectSyncEvents(client)
  const status = () => client.getQueryData(syncQueries.status().queryKey)
  return { events, client, connection, status }
}

test('keeps each status the stream pushes in the query client, and ignores malformed ones', () => {
  const { events, status, connection } = connect()
  expect(events.latest().url).toBe('/api/events')
  expect(status()).toBeUndefined()

  events.status({ complete: false, loaded: 40, total: 100, version: 7 })
  expect(status()).toEqual(syncStatus({ complete: false, loaded: 40, total: 100, version: 7 }))
  events.send('status', '{"complete": "yes"}')
  events.send('status', 'not json')
  expect(status()).toMatchObject({ loaded: 40, version: 7 })
  connection.close()
})

test('a status that arrives before any screen asks for it is kept', () => {
  const { events, client, connection } = connect()
  events.status({ version: 3 })
  const query = client.getQueryCache().find({ queryKey: syncQueries.status().queryKey })
  expect(query?.gcTime).toBe(Infinity)
  connection.close()
})

test('after a restart the stream is reopened, waiting longer after each failed try', () => {
  vi.useFakeTimers()
  const { events, connection } = connect()
  events.send('restart', '{}')
  expect(events.latest().readyState).toBe(EventSource.CLOSED)
  vi.advanceTimersByTime(999)
  expect(events.streams).toHaveLength(1)
  vi.advanceTimersByTime(1)
  expect(events.streams).toHaveLength(2)

  // The server is not back yet, and a proxy answers with an error: the browser gives up.
  events.fail(true)
  vi.advanceTimersByTime(1999)
  expect(events.streams).toHaveLength(2)
  vi.advanceTimersByTime(1)
  expect(events.streams).toHaveLength(3)

  // Back: the first status resets the wait.
  events.status()
  events.fail(true)
  vi.advanceTimersByTime(1000)
  expect(events.streams).toHaveLength(4)
  connection.close()
})

test('a dropped stream the browser is retrying itself is left to the browser', () => {
  vi.useFakeTimers()
  const { events, connection } = connect()
  events.fail(false)
  vi.advanceTimersByTime(60_000)
  expect(events.streams).toHaveLength(1)
  connection.close()
})

test('reconnect opens a fresh stream at once; close stops for good', () => {
  vi.useFakeTimers()
  const { events, client, connection } = connect()
  reconnectSyncEvents(client)
  expect(events.streams).toHaveLength(2)
  expect(events.streams[0]?.readyState).toBe(EventSource.CLOSED)

  connection.close()
  expect(events.latest().readyState).toBe(EventSource.CLOSED)
  events.send('restart', '{}')
  reconnectSyncEvents(client)
  vi.advanceTimersByTime(60_000)
  expect(events.streams).toHaveLength(2)
})
