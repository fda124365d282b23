// A small fake of our server's /api for component tests: rows, pages and routes by path.
import { vi } from 'vitest'
import type {
  ConversationPage,
  ConversationRow,
  CustomerUser,
  SyncStatus,
} from '../lib/contract.ts'

const MINUTE = 60_000

/** A conversation updated `minutesAgo` before now, with its customer and everything filled in. */
export function conversationRow(
  id: string,
  minutesAgo: number,
  patch: Partial<ConversationRow> = {},
): ConversationRow {
  return {
    id,
    title: `Conversation ${id}`,
    customer_user_id: 'cu_1',
    message_count: 3,
    created_at: new Date(Date.now() - (minutesAgo + 60) * MINUTE).toISOString(),
    updated_at: new Date(Date.now() - minutesAgo * MINUTE).toISOString(),
    customer_name: null,
    customer_email: null,
    ...patch,
  }
}

export function customer(id: string, name: string | null, email: string | null): CustomerUser {
  return { id, external_id: null, name, email, active: true, created_at: null, last_seen_at: null }
}

/** A pushed status: by default a complete mirror at version 1. */
export function syncStatus(patch: Partial<SyncStatus> = {}): SyncStatus {
  return {
    complete: true,
    loaded: 0,
    total: null,
    as_of: null,
    syncing: false,
    possibly_incomplete: false,
    wait: null,
    error: null,
    version: 1,
    ...patch,
  }
}

/**
 * The page of `rows` that `url` asks for (`page`, `limit`), as GET /api/conversations
 * answers: without the count when asked with `count=0`.
 */
export function pageOf(rows: readonly ConversationRow[], url: URL, version = 1): ConversationPage {
  const page = Number(url.searchParams.get('page') ?? '1')
  const limit = Number(url.searchParams.get('limit') ?? '20')
  const counted = url.searchParams.get('count') !== '0'
  return {
    data: rows.slice((page - 1) * limit, page * limit),
    pagination: {
      page,
      limit,
      total: counted ? rows.length : null,
      total_pages: counted ? Math.ceil(rows.length / limit) : null,
    },
    version,
  }
}

export const errorResponse = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status })

type Route = (url: URL) => unknown

/**
 * Replaces `fetch` with one answering by path: a route returns a Response, or a body sent
 * as JSON (or a promise of either, to hold an answer back). A path without a route fails
 * the test loudly rather than hanging. `requests(path)` lists the URLs asked for.
 */
export function stubApi(routes: Record<string, Route>) {
  const asked: URL[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : input, window.location.origin)
    asked.push(url)
    const route = routes[url.pathname]
    if (!route) throw new Error(`No stubbed route for ${url.pathname}`)
    const answer = await route(url)
    return answer instanceof Response ? answer : Response.json(answer)
  })
  vi.stubGlobal('fetch', fetchMock)
  return {
    fetchMock,
    requests: (path: string) => asked.filter((url) => url.pathname === path),
  }
}

/** A promise the test settles when it chooses, to hold an answer back. */
export function gate() {
  let open: () => void = () => undefined
  const promise = new Promise<void>((settle) => {
    open = settle
  })
  return { promise, open }
}
