import { act, screen, waitFor, within } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import type { ConversationRow } from '../../lib/contract.ts'
import { bodyRows, columnTexts, renderList } from '../../test/render-list.tsx'
import { conversationRow, gate, pageOf, stubApi } from '../../test/fake-api.ts'

const LIST = '/api/conversations'
const COUNT = '/api/conversations/count'

const params = (url: URL | undefined) => Object.fromEntries(url?.searchParams ?? [])
const titleCell = (row: HTMLElement | undefined) =>
  within(row ?? document.body).getAllByRole('cell')[0]
/** The line under a row's title. */
const previewLine = (row: HTMLElement | undefined) =>
  within(titleCell(row) ?? document.body).getByRole('paragraph')
const marks = (element: HTMLElement) =>
  within(element)
    .queryAllByRole('mark')
    .map((mark) => mark.textContent)

/** The server: `searched` rows for any message search, else `plain`; /count counts them. */
function serveSearch(searched: readonly ConversationRow[], plain: readonly ConversationRow[] = []) {
  const counted = gate()
  const api = stubApi({
    [LIST]: (url) => pageOf(url.searchParams.get('text') ? searched : plain, url),
    [COUNT]: async (url) => {
      if (!url.searchParams.get('text')) return { total: plain.length, version: 1 }
      await counted.promise
      return { total: searched.length, version: 1 }
    },
  })
  return { ...api, releaseCount: () => act(() => counted.open()) }
}

const matches = Array.from({ length: 25 }, (_, i) =>
  conversationRow(`c${String(i).padStart(2, '0')}`, i + 1, {
    snippet: { text: `My refund ${i} is late`, marks: [[3, 9]] },
  }),
)

test('typing in Search messages asks for the page without its count, and the count apart', async () => {
  const api = serveSearch(matches, matches.slice(0, 3))
  const { user } = renderList('/?page=2&q=order')
  await screen.findByText('3 conversations')
  await user.type(screen.getByRole('textbox', { name: 'Search messages' }), 'Refund')
  await waitFor(() => expect(window.location.search).toBe('?q=order&text=Refund'))

  await waitFor(() => expect(columnTexts(0)).toHaveLength(20))
  expect(screen.getByText('Counting…')).toBeInTheDocument()
  expect(screen.getByText('Page 1')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Next page' })).toBeEnabled()
  expect(screen.getByRole('button', { name: 'Last page' })).toBeDisabled()
  const first = api.requests(LIST).find((url) => url.searchParams.has('text'))
  expect(params(first)).toEqual({
    page: '1',
    limit: '20',
    sort: '-updated_at',
    q: 'order',
    text: 'Refund',
    count: '0',
  })
  // Asked apart, once the rows are on the screen.
  const searchedCounts = () => api.requests(COUNT).filter((url) => url.searchParams.has('text'))
  await waitFor(() =>
    expect(searchedCounts().map(params)).toEqual([{ q: 'order', text: 'Refund' }]),
  )

  api.releaseCount()
  expect(await screen.findByText('25 conversations')).toBeInTheDocument()
  expect(screen.getByText('Page 1 of 2')).toBeInTheDocument()
  expect(screen.queryByText('Counting…')).not.toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Last page' })).toBeEnabled()
})

test('while the list loads, the count of a message search is read again with its rows', async () => {
  const mirror = { rows: matches.slice(0, 21), version: 1 }
  const api = stubApi({
    [LIST]: (url) => pageOf(mirror.rows, url, mirror.version),
    [COUNT]: () => ({ total: mirror.rows.length, version: mirror.version }),
  })
  const { events } = renderList('/?text=refund')
  events.status({ complete: false, loaded: 21, total: 25, version: 1 })
  expect(await screen.findByText('21 conversations')).toBeInTheDocument()

  Object.assign(mirror, { rows: matches, version: 2 })
  events.status({ complete: false, loaded: 25, total: 25, version: 2 })
  expect(await screen.findByText('25 conversations')).toBeInTheDocument()
  expect(api.requests(COUNT).length).toBeGreaterThanOrEqual(2)
})

test('a message search whose page is not full shows its count without waiting', async () => {
  serveSearch(matches.slice(0, 3))
  renderList('/?text=refund')
  expect(await screen.findByText('3 conversations')).toBeInTheDocument()
  expect(screen.getByText('Page 1 of 1')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled()
})

test('a snippet shows under the title, its matched words in marks, markup as text', async () => {
  const hostile = '<b>refund</b> <img src=x onerror="alert(1)"> please'
  serveSearch([
    conversationRow('c1', 5, {
      title: 'Order 1042',
      snippet: {
        text: 'Where is my Refund? It is late',
        marks: [
          [12, 18],
          [26, 30],
        ],
      },
      last_message: { role: 'user', text: 'Thanks', created_at: null },
    }),
    conversationRow('c2', 6, { snippet: { text: hostile, marks: [[3, 9]] } }),
  ])
  renderList('/?text=refund+late')
  await screen.findByText('2 conversations')
  const [first, second] = bodyRows()

  expect(titleCell(first)?.firstElementChild).toHaveTextContent(/^Order 1042/)
  const line = previewLine(first)
  expect(line).toHaveTextContent('Where is my Refund? It is late')
  expect(marks(line)).toEqual(['Refund', 'late'])

  const hostileLine = previewLine(second)
  expect(hostileLine).toHaveTextContent(hostile)
  expect(marks(hostileLine)).toEqual(['refund'])
  expect(hostileLine.querySelector('img, b')).toBeNull()
})

test('without a message search, each row shows who wrote the last message and its first line', async () => {
  stubApi({
    [LIST]: (url) =>
      pageOf(
        [
          conversationRow('c1', 5, {
            last_message: { role: 'user', text: 'Where is my <b>refund</b>?', created_at: null },
          }),
          conversationRow('c2', 6, {
            last_message: { role: 'assistant', text: 'It is on its way.', created_at: null },
          }),
          conversationRow('c3', 7, { last_message: null }),
        ],
        url,
      ),
  })
  renderList()
  await screen.findByText('3 conversations')
  const [customer, agent, unread] = bodyRows()

  expect(previewLine(customer)).toHaveTextContent('Customer Where is my <b>refund</b>?')
  expect(within(previewLine(customer)).getByText('Customer')).toBeInTheDocument()
  expect(previewLine(customer).querySelector('b')).toBeNull()
  expect(previewLine(agent)).toHaveTextContent('Agent It is on its way.')
  // Not read yet: the line is there, empty, holding its place.
  expect(previewLine(unread)).toBeEmptyDOMElement()
  expect(marks(previewLine(customer))).toEqual([])
})

test('while messages are being read, a message search says how many are searched', async () => {
  serveSearch(matches.slice(0, 3))
  const { events } = renderList('/?text=refund')
  events.status({ complete: true, loaded: 10_000, messages: { searched: 3210, total: 10_000 } })
  const status = await screen.findByRole('status')
  expect(status).toHaveTextContent('messages')
  expect(status).toHaveTextContent(`${(3210).toLocaleString()} of ${(10_000).toLocaleString()}`)

  events.status({ complete: true, loaded: 10_000, messages: { searched: 10_000, total: 10_000 } })
  await waitFor(() => expect(screen.queryByRole('status')).not.toBeInTheDocument())
})

test('without a message search, nothing is said about the messages being read', async () => {
  serveSearch([], matches.slice(0, 3))
  const { events } = renderList()
  events.status({ complete: true, loaded: 10_000, messages: { searched: 3210, total: 10_000 } })
  await screen.findByText('3 conversations')
  expect(screen.queryByRole('status')).not.toBeInTheDocument()
})

test('a conversation opened from a message search carries the search in its URL', async () => {
  serveSearch(matches.slice(0, 3))
  const { user } = renderList('/?text=late+refund')
  await screen.findByText('3 conversations')
  const link = within(titleCell(bodyRows()[1]) ?? document.body).getByRole('link')
  expect(link).toHaveAttribute('href', '/conversations/c01?text=late+refund')
  await user.click(link)
  await expect
    .poll(() => window.location.pathname + window.location.search)
    .toBe('/conversations/c01?text=late+refund')
  expect(window.history.state).toEqual({ fromList: '?text=late+refund' })
})

test('Export CSV carries the message search', async () => {
  serveSearch(matches.slice(0, 3))
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
  const { user, events } = renderList('/?text=late+refund&sort=title')
  events.status({ complete: true, loaded: 3 })
  const button = screen.getByRole('button', { name: 'Export CSV' })
  await waitFor(() => expect(button).toBeEnabled())
  await user.click(button)
  const link = click.mock.contexts[0] as HTMLAnchorElement
  const href = new URL(link.href)
  expect(href.pathname).toBe('/api/conversations/export.csv')
  expect(params(href)).toEqual({ sort: 'title', text: 'late refund' })
  click.mockRestore()
})

test('a message search on screen catches up as the message sync makes more conversations searchable', async () => {
  const mirror = { rows: [] as ConversationRow[] }
  const api = stubApi({
    [LIST]: (url) => pageOf(mirror.rows, url),
    [COUNT]: () => ({ total: mirror.rows.length, version: 1 }),
  })
  const { events } = renderList('/?text=parcelwise')
  events.status({ version: 1, messages: { searched: 10, total: 100 } })
  expect(await screen.findByText('0 conversations')).toBeInTheDocument()

  // The sync reads more messages; the mirror's version does not move.
  mirror.rows = matches.slice(0, 3)
  events.status({ version: 1, messages: { searched: 100, total: 100 } })
  expect(await screen.findByText('3 conversations', {}, { timeout: 3000 })).toBeInTheDocument()
  expect(columnTexts(0)).toHaveLength(3)
  expect(api.requests(LIST).filter((url) => url.searchParams.has('text')).length).toBeGreaterThan(1)
})
