// GET /api/conversations/snapshot and /api/customers/snapshot: the shared snapshots,
// streamed as NDJSON so the first rows and a moving progress bar reach the browser
// before a first crawl ends.
import { Hono } from 'hono'
import { realClock, type Clock } from './clock.ts'
import { snapshotBody, type RowOrder } from './snapshot-ndjson.ts'
import { newestActivityFirst } from './snapshot-order.ts'
import type { SnapshotStore } from './snapshot-store.ts'

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
