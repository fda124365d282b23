import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect } from 'vitest'
import { ConversationsPage } from '../features/conversations/conversations-page.tsx'
import { useLocation } from '../lib/router.ts'

/** Like the app: the list is gone while a conversation is open. */
function ListRoute() {
  const location = useLocation()
  if (location.pathname.startsWith('/conversations/')) return <p>Conversation open</p>
  return <ConversationsPage location={location} />
}

/** The list at `url`, with a fresh QueryClient that never retries. */
export function renderList(url = '/') {
  window.history.replaceState(null, '', url)
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const user = userEvent.setup()
  const view = render(
    <QueryClientProvider client={client}>
      <ListRoute />
    </QueryClientProvider>,
  )
  return { ...view, client, user }
}

/** The whole snapshot has arrived (first rows show while the rest still streams in). */
export const listComplete = () =>
  waitFor(() => expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled())

export const conversationsTable = () => screen.getByRole('table', { name: 'Conversations' })

/** The rows on screen, without the header row. */
export const bodyRows = () => within(conversationsTable()).getAllByRole('row').slice(1)

/** What one column shows, top to bottom (0 is Title, 1 is Customer). */
export const columnTexts = (column: number) =>
  bodyRows().map((row) => within(row).getAllByRole('cell')[column]?.textContent)
