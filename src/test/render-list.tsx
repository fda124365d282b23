import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { onTestFinished } from 'vitest'
import { createQueryClient } from '../app/query-client.ts'
import { ConversationsPage } from '../features/conversations/conversations-page.tsx'
import { useLocation } from '../lib/router.ts'
import { connectSyncEvents } from '../lib/sync-events.ts'
import { stubEventSource } from './fake-event-source.ts'

/** Like the app: the list is gone while a conversation is open. */
function ListRoute() {
  const location = useLocation()
  if (location.pathname.startsWith('/conversations/')) return <p>Conversation open</p>
  return <ConversationsPage location={location} />
}

/**
 * The list at `url`, with a fresh QueryClient set up as the app's but never retrying, and
 * the app's event stream on a fake EventSource: `events` pushes what /api/events would.
 */
export function renderList(url = '/') {
  window.history.replaceState(null, '', url)
  const client = createQueryClient()
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } })
  const events = stubEventSource()
  const connection = connectSyncEvents(client)
  onTestFinished(() => {
    connection.close()
    client.clear()
  })
  const user = userEvent.setup()
  const view = render(
    <QueryClientProvider client={client}>
      <ListRoute />
    </QueryClientProvider>,
  )
  return { ...view, client, user, events }
}

export const conversationsTable = () => screen.getByRole('table', { name: 'Conversations' })

/** The rows on screen, without the header row. */
export const bodyRows = () => within(conversationsTable()).getAllByRole('row').slice(1)

/** What one column shows, top to bottom (0 is Title, 1 is Customer). */
export const columnTexts = (column: number) =>
  bodyRows().map((row) => within(row).getAllByRole('cell')[column]?.textContent)
