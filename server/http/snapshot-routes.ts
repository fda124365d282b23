// GET /api/conversations/snapshot and /api/customers/snapshot: the shared snapshots,
// streamed as NDJSON so the first rows and a moving progress bar reach the browser
// before a first crawl ends.
import { Hono } from 'hono'
import { realClock, type Clock } from '../clock.ts'
import { chooseEncoding } from './compression.ts'
import { completeSnapshotBody, type RowOrder } from './snapshot-complete.ts'
import { snapshotBody } from './snapshot-ndjson.ts'
import { newestActivityFirst } from './snapshot-order.ts'
import type { SnapshotStore } from '../sync/snapshot-store.ts'

export type SnapshotStores = {
  conversations: SnapshotStore<unknown>
  customers: SnapshotStore<unknown>
}

const headers = {
  'Content-Type': 'application/x-ndjson; charset=utf-8',
  // Proxies such as nginx would otherwise hold the lines back until the crawl ends.
  'X-Accel-Buffering': 'no',
}

export function snapshotRoutes(stores: SnapshotStores, clock: Clock = realClock): Hono {
  const routes = new Hono()
  const serve =
    (store: SnapshotStore<unknown>, order?: RowOrder<unknown>) => async (request: Request) => {
      if (store.current()) {
        // Complete: one cached body for every reader (read() also starts a due refresh).
        const snapshot = await store.read(request.signal)
        const encoding = chooseEncoding(request.headers.get('Accept-Encoding') ?? undefined)
        const bytes = await completeSnapshotBody(snapshot, encoding, order)
        return new Response(bytes, {
          headers: {
            ...headers,
            Vary: 'Accept-Encoding',
            ...(encoding ? { 'Content-Encoding': encoding } : {}),
          },
        })
      }
      const body = await snapshotBody(store, clock, request.signal, order)
      if ('error' in body) throw body.error
      return new Response(body.stream, { headers })
    }
  const conversations = serve(stores.conversations, newestActivityFirst)
  const customers = serve(stores.customers)
  routes.get('/conversations/snapshot', (c) => conversations(c.req.raw))
  routes.get('/customers/snapshot', (c) => customers(c.req.raw))
  return routes
}
