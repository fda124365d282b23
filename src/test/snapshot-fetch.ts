import { vi } from 'vitest'
import type { Conversation, CustomerUser } from '../lib/contract.ts'

export type Line = Record<string, unknown>
const headers = { 'content-type': 'application/x-ndjson' }
const MINUTE = 60_000

/** A conversation updated `minutesAgo` before now, with everything else filled in. */
export function conversation(id: string, minutesAgo: number, patch: Partial<Conversation> = {}) {
  const updated = new Date(Date.now() - minutesAgo * MINUTE).toISOString()
  return {
    id,
    title: `Conversation ${id}`,
    customer_user_id: 'cu_1',
    message_count: 3,
    created_at: new Date(Date.now() - (minutesAgo + 60) * MINUTE).toISOString(),
    updated_at: updated,
    ...patch,
  } satisfies Conversation
}

export function customer(id: string, name: string | null, email: string | null): CustomerUser {
  return {
    id,
    external_id: null,
    name,
    email,
    active: true,
    created_at: null,
    last_seen_at: null,
  }
}

/** meta, one rows line and end: a whole snapshot as the server streams it. */
export function snapshotLines(rows: readonly unknown[], asOf = new Date().toISOString()): Line[] {
  return [
    { type: 'meta', total: rows.length, as_of: asOf, complete: true },
    { type: 'rows', rows },
    { type: 'end', complete: true, as_of: asOf },
  ]
}

export const ndjsonResponse = (lines: readonly Line[]) =>
  new Response(lines.map((line) => JSON.stringify(line) + '\n').join(''), { headers })

export const errorResponse = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status })

/** A response whose lines the test sends one by one, to look at the page mid-stream. */
export function controlledStream() {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
    },
  })
  return {
    response: new Response(body, { headers }),
    send: (line: Line) => controller?.enqueue(encoder.encode(JSON.stringify(line) + '\n')),
    end: () => controller?.close(),
  }
}

type Route = () => Response | Promise<Response>

/**
 * Replaces `fetch` with one answering by path. A path without a route fails the test
 * loudly rather than hanging. Customers default to an empty snapshot.
 */
export function stubApi(routes: Record<string, Route>) {
  const all: Record<string, Route> = {
    '/api/customers/snapshot': () => ndjsonResponse(snapshotLines([])),
    ...routes,
  }
  const fetchMock = vi.fn((input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : input, window.location.origin)
    const route = all[url.pathname]
    if (!route) return Promise.reject(new Error(`No stubbed route for ${url.pathname}`))
    return Promise.resolve(route())
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}
