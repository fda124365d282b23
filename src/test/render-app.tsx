import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { onTestFinished, vi } from 'vitest'
import { App } from '../app/app.tsx'
import { createQueryClient } from '../app/query-client.ts'
import type { ConversationRow, Message } from '../lib/contract.ts'
import { connectSyncEvents } from '../lib/sync-events.ts'
import { pageOf, stubApi } from './fake-api.ts'
import { stubEventSource } from './fake-event-source.ts'

/** A window `width` px wide, as far as CSS media queries asked from script can tell. */
export function stubWindowWidth(width: number) {
  vi.stubGlobal('matchMedia', (query: string) => {
    const min = /\(min-width:\s*(\d+)px\)/.exec(query)?.[1]
    return {
      matches: min !== undefined && width >= Number(min),
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }
  })
}

/**
 * Our /api for `rows`: the list (paged, in the order given, whatever the sort), each
 * conversation, and one message each.
 */
export function serveConversations(rows: readonly ConversationRow[]) {
  const routes: Record<string, (url: URL) => unknown> = {
    '/api/conversations': (url) => pageOf(rows, url),
  }
  for (const row of rows) {
    const path = `/api/conversations/${row.id}`
    const message: Message = {
      id: `${row.id}_m1`,
      role: 'user',
      content: `The first message of ${row.id}`,
      conversation_id: row.id,
      created_at: row.created_at,
    }
    routes[path] = () => row
    routes[`${path}/messages`] = () => ({
      data: [message],
      pagination: { page: 1, limit: 100, total: 1, total_pages: 1 },
    })
  }
  return stubApi(routes)
}

/**
 * The whole app at `url`, in a window `width` px wide, with a fresh QueryClient set up as
 * the app's but never retrying, and the event stream on a fake EventSource.
 */
export function renderApp(url: string, width: number) {
  stubWindowWidth(width)
  window.history.replaceState(null, '', url)
  // jsdom lays nothing out, so it has no scrollIntoView: the app's calls land here.
  const scrollIntoView = vi.fn()
  Object.defineProperty(Element.prototype, 'scrollIntoView', {
    value: scrollIntoView,
    configurable: true,
    writable: true,
  })
  const client = createQueryClient()
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } })
  const events = stubEventSource()
  const connection = connectSyncEvents(client)
  onTestFinished(() => {
    connection.close()
    client.clear()
    Reflect.deleteProperty(Element.prototype, 'scrollIntoView')
  })
  const user = userEvent.setup()
  const view = render(<App queryClient={client} />)
  return { ...view, client, user, events, scrollIntoView }
}
