import type { QueryClient } from '@tanstack/react-query'
import { PUSH_EVENTS, SyncStatusSchema } from './contract.ts'
import { syncQueries } from './queries/sync-queries.ts'
import { viewQueries } from './queries/view-queries.ts'

const EVENTS_PATH = '/api/events'
const FIRST_RETRY_MS = 1_000
const MAX_RETRY_MS = 30_000

export type SyncEvents = {
  /** Opens a fresh stream now (the server sends its status first on every stream). */
  reconnect: () => void
  close: () => void
}

// One stream per QueryClient, so a Retry anywhere on the page can reopen it.
const connections = new WeakMap<QueryClient, SyncEvents>()

function parseStatus(data: unknown) {
  try {
    return SyncStatusSchema.safeParse(JSON.parse(String(data)))
  } catch {
    return null
  }
}

/**
 * The app's one stream of /api/events: every `status` it pushes lands in the QueryClient
 * (syncQueries.status), where the page reads it, and `views` has the saved views read
 * again. The browser reconnects a dropped stream by itself, but gives up for good on an
 * HTTP error (a proxy answering 502 while the server restarts), and a `restart` says the
 * server is going away: then the stream is reopened here, with a growing wait, for as
 * long as the page is open.
 */
export function connectSyncEvents(client: QueryClient): SyncEvents {
  let source: EventSource | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let failures = 0
  let closed = false
  // A status that arrives before any screen asks for it must be kept all the same.
  const { queryKey, gcTime } = syncQueries.status()
  client.setQueryDefaults(queryKey, { gcTime })

  function open() {
    clearTimeout(timer)
    source?.close()
    const stream = new EventSource(EVENTS_PATH)
    source = stream
    stream.addEventListener(PUSH_EVENTS.status, (event) => {
      const parsed = parseStatus(event.data)
      if (!parsed?.success) return
      failures = 0
      client.setQueryData(queryKey, parsed.data)
    })
    stream.addEventListener(PUSH_EVENTS.restart, reopenLater)
    // Someone saved, renamed or deleted a view: everyone's list of views shows it.
    stream.addEventListener(PUSH_EVENTS.views, () => {
      void client.invalidateQueries({ queryKey: viewQueries.all() })
    })
    stream.addEventListener('error', () => {
      if (stream.readyState === EventSource.CLOSED) reopenLater()
    })
  }

  function reopenLater() {
    source?.close()
    clearTimeout(timer)
    if (closed) return
    const wait = Math.min(FIRST_RETRY_MS * 2 ** failures, MAX_RETRY_MS)
    failures++
    timer = setTimeout(open, wait)
  }

  const events: SyncEvents = {
    reconnect: () => {
      if (closed) return
      failures = 0
      open()
    },
    close: () => {
      closed = true
      clearTimeout(timer)
      source?.close()
      connections.delete(client)
    },
  }
  connections.get(client)?.close()
  connections.set(client, events)
  open()
  return events
}

/** Reopens the stream of `client`, if it has one. */
export function reconnectSyncEvents(client: QueryClient) {
  connections.get(client)?.reconnect()
}
