import { screen, waitFor, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import {
  bodyRows,
  columnTexts,
  conversationsTable as table,
  renderList,
} from '../../test/render-list.tsx'
import type { ConversationRow } from '../../lib/contract.ts'
import { conversationRow, errorResponse, pageOf, stubApi } from '../../test/fake-api.ts'

const titles = () => columnTexts(0)
const LIST = '/api/conversations'

/** The server's list as it stands; the test moves it on with `set`. */
function serveList(initial: ConversationRow[], version = 1) {
  let rows = initial
  let at = version
  const api = stubApi({ [LIST]: (url) => pageOf(rows, url, at) })
  return {
    ...api,
    set: (next: ConversationRow[], nextVersion: number) => {
      rows = next
      at = nextVersion
    },
  }
}

test("shows the server's page in the server's order, with its count and page", async () => {
  const recent = conversationRow('c2', 5, { title: 'Recent' })
  // Not by last activity: the browser shows what the server sent, it sorts nothing.
  const api = serveList([
    conversationRow('c1', 300, { title: 'Old' }),
    recent,
    conversationRow('c3', 90, { title: 'Middle' }),
  ])
  renderList()
  expect(await screen.findByText('3 conversations')).toBeInTheDocument()
  expect(titles()).toEqual(['Old', 'RecentActive', 'Middle'])
  expect(screen.getByText('Page 1 of 1')).toBeInTheDocument()
  const headers = within(table()).getAllByRole('columnheader')
  expect(headers.map((h) => h.textContent)).toEqual([
    'Title',
    'Customer',
    'Messages',
    'Created',
    'Last activity',
  ])
  expect(screen.getByRole('columnheader', { name: 'Last activity' })).toHaveAttribute(
    'aria-sort',
    'descending',
  )
  const lastActivity = within(bodyRows()[1] ?? table()).getAllByRole('cell')[4]
  expect(lastActivity?.querySelector('time')).toHaveAttribute('datetime', recent.updated_at)
  expect(lastActivity).toHaveTextContent('5 min ago')
  const asked = api.requests(LIST)[0]
  expect(Object.fromEntries(asked?.searchParams ?? [])).toEqual({
    page: '1',
    limit: '20',
    sort: '-updated_at',
  })
})

test('names each customer by name, else email, else id, with the email beneath a name', async () => {
  serveList([
    conversationRow('c1', 1, {
      customer_user_id: 'cu_ada',
      customer_name: 'Ada Lovelace',
      customer_email: 'ada@example.com',
    }),
    conversationRow('c2', 2, { customer_user_id: 'cu_bob', customer_email: 'bob@example.com' }),
    conversationRow('c3', 3, { customer_user_id: 'cu_zed', customer_name: ' ' }),
    conversationRow('c4', 4, { customer_user_id: null }),
  ])
  renderList()
  await screen.findByText('4 conversations')
  expect(columnTexts(1)).toEqual(['Ada Lovelaceada@example.com', 'bob@example.com', 'cu_zed', '—'])
})

test('the progress bar waits for a status saying the list is incomplete, and goes when complete', async () => {
  serveList([conversationRow('c1', 10)])
  const { events } = renderList()
  expect(await screen.findByText('1 conversation')).toBeInTheDocument()
  expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled()

  events.status({ complete: false, loaded: 1, total: null })
  const bar = await screen.findByRole('progressbar', { name: 'Loading conversations' })
  expect(bar).not.toHaveAttribute('aria-valuemax')
  events.status({ complete: false, loaded: 2, total: 3 })
  await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '2'))
  expect(bar).toHaveAttribute('aria-valuemax', '3')
  expect(screen.getByText('Partial')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled()

  events.status({ complete: true, loaded: 3, total: 3 })
  await waitFor(() => expect(screen.queryByRole('progressbar')).not.toBeInTheDocument())
  expect(screen.queryByText('Partial')).not.toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled()

  // A background pass of a complete mirror is not loading.
  const asOf = new Date(Date.now() - 2 * 60_000).toISOString()
  events.status({ complete: true, syncing: true, loaded: 3, total: 4, as_of: asOf, version: 2 })
  await waitFor(() =>
    expect(screen.getByText(/^as of/).querySelector('time')).toHaveAttribute('datetime', asOf),
  )
  expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
})

test('while loading, rows are read again as the mirror version rises', async () => {
  const rows = Array.from({ length: 5 }, (_, i) => conversationRow(`c${i}`, i + 1))
  const api = serveList(rows.slice(0, 1), 1)
  const { events } = renderList()
  events.status({ complete: false, loaded: 1, total: 5, version: 1 })
  expect(await screen.findByText('1 conversation')).toBeInTheDocument()

  api.set(rows.slice(0, 2), 2)
  events.status({ complete: false, loaded: 2, total: 5, version: 2 })
  expect(await screen.findByText('2 conversations')).toBeInTheDocument()
  expect(titles()).toEqual(['Conversation c0Active', 'Conversation c1Active'])

  // A burst of versions is read in a throttled few requests, the last one always.
  const before = api.requests(LIST).length
  api.set(rows, 6)
  for (const version of [3, 4, 5, 6]) {
    events.status({ complete: false, loaded: version - 1, total: 5, version })
  }
  expect(await screen.findByText('5 conversations')).toBeInTheDocument()
  expect(api.requests(LIST).length - before).toBeLessThanOrEqual(2)
})

test('says when the rate limit holds loading back, and goes on by itself', async () => {
  serveList([conversationRow('c1', 10)])
  const { events } = renderList()
  await screen.findByText('1 conversation')
  events.status({
    complete: false,
    loaded: 1,
    total: 2,
    wait: { reason: 'rate_limit', retry_after_seconds: 12 },
  })
  const status = await screen.findByRole('status')
  expect(status).toHaveTextContent(/rate limit/)
  expect(status).toHaveTextContent(/12 s/)
  expect(screen.getByRole('progressbar', { name: 'Loading conversations' })).toBeInTheDocument()

  events.status({ complete: false, loaded: 1, total: 2 })
  await waitFor(() => expect(screen.queryByRole('status')).not.toBeInTheDocument())
  expect(screen.getByRole('progressbar', { name: 'Loading conversations' })).toBeInTheDocument()
})

test('a failed page shows the server message in an alert, and Retry recovers', async () => {
  let calls = 0
  stubApi({
    [LIST]: (url) =>
      ++calls === 1
        ? errorResponse(400, 'invalid_query', 'sort must be one of title, customer, ….')
        : pageOf([conversationRow('c1', 10, { title: 'Back again' })], url),
  })
  const { user } = renderList()
  const alert = await screen.findByRole('alert')
  expect(alert).toHaveTextContent('sort must be one of')

  await user.click(within(alert).getByRole('button', { name: 'Retry' }))
  expect(await screen.findByText('Back again')).toBeInTheDocument()
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
})

test('a sync that cannot go on is an alert; Retry reads the page and reopens the stream', async () => {
  const api = serveList([conversationRow('c1', 10, { title: 'Kept' })])
  const { events, user } = renderList()
  events.status({ complete: false, loaded: 1, total: 5 })
  await screen.findByText('Kept')
  events.status({
    complete: false,
    loaded: 1,
    total: 5,
    error: {
      code: 'upstream_unauthorized',
      message: 'perform.chat refused the API key: check API_KEY_ID and API_KEY_SECRET.',
    },
  })
  const alert = await screen.findByRole('alert')
  expect(alert).toHaveTextContent('API_KEY_ID and API_KEY_SECRET')
  expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
  expect(screen.getByText('Kept')).toBeInTheDocument()

  const asked = api.requests(LIST).length
  await user.click(within(alert).getByRole('button', { name: 'Retry' }))
  expect(events.streams).toHaveLength(2)
  await waitFor(() => expect(api.requests(LIST).length).toBe(asked + 1))
  events.status({ complete: true, loaded: 5, total: 5 })
  await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument())
})

test('says so when there are no conversations at all', async () => {
  serveList([])
  const { events } = renderList()
  events.status({ complete: true, loaded: 0 })
  expect(await screen.findByText('No conversations yet')).toBeInTheDocument()
  expect(screen.getByText('0 conversations')).toBeInTheDocument()
  expect(screen.getByText('Page 1 of 1')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled()
})

test('a title that looks like HTML is shown as literal text', async () => {
  const hostile = '<img src=x onerror="alert(1)"><b>bold</b>'
  serveList([conversationRow('c1', 500, { title: hostile })])
  renderList()
  const cell = await screen.findByText(hostile)
  expect(cell).toHaveAttribute('title', hostile)
  expect(table().querySelector('img, b')).toBeNull()
})

test('a deep link to a later page waits for its rows while the list loads', async () => {
  const many = Array.from({ length: 60 }, (_, i) =>
    conversationRow(`c${String(i).padStart(2, '0')}`, i + 1),
  )
  const api = serveList(many.slice(0, 25), 1)
  const { events } = renderList('/?page=3')
  events.status({ complete: false, loaded: 25, total: 60, version: 1 })
  expect(
    await screen.findByText('Page 3 is not loaded yet; it shows once it arrives.'),
  ).toBeInTheDocument()
  expect(screen.getByText('Page 3 of 2')).toBeInTheDocument()

  api.set(many, 2)
  events.status({ complete: true, loaded: 60, total: 60, version: 2 })
  expect(await screen.findByText('Page 3 of 3')).toBeInTheDocument()
  expect(titles()[0]).toBe('Conversation c40Active')
  await expect.poll(() => window.location.search).toBe('?page=3')
})

test('once the list is complete, a page past the end shows the last page', async () => {
  const many = Array.from({ length: 45 }, (_, i) =>
    conversationRow(`c${String(i).padStart(2, '0')}`, i + 1),
  )
  serveList(many)
  const { events } = renderList('/?page=9')
  events.status({ complete: true, loaded: 45 })
  expect(await screen.findByText('Page 3 of 3')).toBeInTheDocument()
  await waitFor(() => expect(titles()).toHaveLength(5))
  expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled()
  await expect.poll(() => window.location.search).toBe('?page=3')
})
