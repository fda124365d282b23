import { act, screen, waitFor, within } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import {
  columnTexts,
  conversationsTable as table,
  listComplete,
  renderList,
} from '../../test/render-list.tsx'
import {
  conversation,
  customer,
  ndjsonResponse,
  snapshotLines,
  stubApi,
} from '../../test/snapshot-fetch.ts'

const titles = () => columnTexts(0)

const rows = [
  conversation('c1', 200, {
    title: 'Crème brûlée order',
    customer_user_id: 'cu_ada',
    message_count: 2,
  }),
  conversation('c2', 100, { title: 'Apple refund', customer_user_id: 'cu_bob', message_count: 30 }),
  conversation('c3', 300, {
    title: 'banana shipping',
    customer_user_id: 'cu_ada',
    message_count: 7,
  }),
]
const customers = [
  customer('cu_ada', 'Ada Lovelace', 'ada@analytical.org'),
  customer('cu_bob', 'Bob Stone', 'bob@example.com'),
]

function stubList() {
  stubApi({
    '/api/conversations/snapshot': () => ndjsonResponse(snapshotLines(rows)),
    '/api/customers/snapshot': () => ndjsonResponse(snapshotLines(customers)),
  })
}

test('clicking a header sorts by it, and clicking again reverses it', async () => {
  stubList()
  const { user } = renderList()
  await screen.findByText('3 conversations')
  const title = screen.getByRole('columnheader', { name: 'Title' })
  await user.click(within(title).getByRole('button', { name: 'Title' }))
  expect(title).toHaveAttribute('aria-sort', 'ascending')
  expect(screen.getByRole('columnheader', { name: 'Last activity' })).not.toHaveAttribute(
    'aria-sort',
  )
  expect(titles()).toEqual(['Apple refund', 'banana shipping', 'Crème brûlée order'])
  expect(window.location.search).toBe('?sort=title')

  await user.click(within(title).getByRole('button', { name: 'Title' }))
  expect(title).toHaveAttribute('aria-sort', 'descending')
  expect(titles()).toEqual(['Crème brûlée order', 'banana shipping', 'Apple refund'])

  await user.click(screen.getByRole('button', { name: 'Messages' }))
  expect(screen.getByRole('columnheader', { name: 'Messages' })).toHaveAttribute(
    'aria-sort',
    'descending',
  )
  expect(titles()).toEqual(['Apple refund', 'banana shipping', 'Crème brûlée order'])
})

test('typing in Search titles filters without Enter and shows the count', async () => {
  stubList()
  const { user } = renderList()
  await screen.findByText('3 conversations')
  await user.type(screen.getByRole('textbox', { name: 'Search titles' }), 'CREME')
  expect(await screen.findByText('1 conversation')).toBeInTheDocument()
  expect(titles()).toEqual(['Crème brûlée order'])
  expect(window.location.search).toBe('?q=CREME')

  await user.clear(screen.getByRole('textbox', { name: 'Search titles' }))
  await user.type(screen.getByRole('textbox', { name: 'Search titles' }), 'zzz')
  expect(await screen.findByText('0 conversations')).toBeInTheDocument()
  await user.click(screen.getByRole('button', { name: 'Clear filters' }))
  expect(await screen.findByText('3 conversations')).toBeInTheDocument()
  expect(screen.getByRole('textbox', { name: 'Search titles' })).toHaveValue('')
})

test('the Customer filter matches a name as typed, and a suggestion picks the id', async () => {
  stubList()
  const { user } = renderList()
  await screen.findByText('3 conversations')
  const input = screen.getByRole('combobox', { name: 'Customer' })
  await user.type(input, 'lovel')
  expect(await screen.findByText('2 conversations')).toBeInTheDocument()
  expect(within(table()).getAllByText('Ada Lovelace')).toHaveLength(2)

  expect(input).toHaveAttribute('aria-expanded', 'true')
  const listbox = screen.getByRole('listbox')
  expect(input).toHaveAttribute('aria-controls', listbox.id)
  await user.keyboard('{ArrowDown}')
  const option = within(listbox).getByRole('option', { name: /Ada Lovelace/ })
  expect(option).toHaveAttribute('aria-selected', 'true')
  expect(input).toHaveAttribute('aria-activedescendant', option.id)
  await user.keyboard('{Enter}')
  expect(input).toHaveValue('cu_ada')
  expect(input).toHaveAttribute('aria-expanded', 'false')
  expect(window.location.search).toBe('?customer=cu_ada')
  expect(screen.getByText('2 conversations')).toBeInTheDocument()

  await user.clear(input)
  await user.type(input, 'EXAMPLE.com')
  expect(await screen.findByText('1 conversation')).toBeInTheDocument()
  await user.keyboard('{Escape}')
  expect(input).toHaveAttribute('aria-expanded', 'false')
})

test('pages move through the URL, and a deep link past the end shows the last page', async () => {
  const many = Array.from({ length: 45 }, (_, i) =>
    conversation(`c${String(i).padStart(2, '0')}`, i + 1),
  )
  stubApi({ '/api/conversations/snapshot': () => ndjsonResponse(snapshotLines(many)) })
  const { user } = renderList('/?page=9')
  expect(await screen.findByText('Page 3 of 3')).toBeInTheDocument()
  expect(titles()).toHaveLength(5)
  expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled()

  await user.click(screen.getByRole('button', { name: 'First page' }))
  expect(screen.getByText('Page 1 of 3')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled()
  await user.click(screen.getByRole('button', { name: 'Next page' }))
  expect(screen.getByText('Page 2 of 3')).toBeInTheDocument()
  expect(window.location.search).toBe('?page=2')
  expect(titles()[0]).toBe('Conversation c20Active')

  await user.selectOptions(screen.getByRole('combobox', { name: 'Rows per page' }), '50')
  expect(screen.getByText('Page 1 of 1')).toBeInTheDocument()
  expect(window.location.search).toBe('?limit=50')
  expect(titles()).toHaveLength(45)
})

test('rows take arrow keys and j/k, and Enter opens the focused conversation', async () => {
  stubList()
  const { user } = renderList('/?sort=title')
  await screen.findByText('3 conversations')
  const [, first, second] = within(table()).getAllByRole('row')
  // One row is in the tab order (roving tabindex): the first, right after the last header.
  expect(first).toHaveAttribute('tabindex', '0')
  expect(second).toHaveAttribute('tabindex', '-1')
  act(() => screen.getByRole('button', { name: 'Last activity' }).focus())
  await user.tab()
  expect(first).toHaveFocus()
  await user.keyboard('{ArrowDown}')
  expect(second).toHaveFocus()
  await user.keyboard('k')
  expect(first).toHaveFocus()
  await user.keyboard('j{Enter}')
  expect(window.location.pathname).toBe('/conversations/c3')
  expect(window.history.state).toEqual({ fromList: '?sort=title' })
})

test('a background refresh offers its changes instead of moving rows', async () => {
  let snapshot = rows
  stubApi({ '/api/conversations/snapshot': () => ndjsonResponse(snapshotLines(snapshot)) })
  const { client, user } = renderList()
  await screen.findByText('3 conversations')
  await listComplete()
  snapshot = [...rows, conversation('c9', 1, { title: 'Brand new' })]
  await client.refetchQueries({ queryKey: ['conversations', 'snapshot'] })

  expect(await screen.findByText('1 new or updated')).toBeInTheDocument()
  expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
  expect(screen.queryByText('Brand new')).not.toBeInTheDocument()
  await user.click(screen.getByRole('button', { name: 'Show' }))
  expect(await screen.findByText('Brand new')).toBeInTheDocument()
  expect(screen.getByText('4 conversations')).toBeInTheDocument()
  expect(screen.queryByText('1 new or updated')).not.toBeInTheDocument()
})

test('Refresh fetches a new snapshot and shows it at once', async () => {
  let snapshot = rows
  const fetchMock = stubApi({
    '/api/conversations/snapshot': () => ndjsonResponse(snapshotLines(snapshot)),
  })
  const { user } = renderList()
  await screen.findByText('3 conversations')
  await listComplete()
  snapshot = rows.slice(0, 1)
  await user.click(screen.getByRole('button', { name: 'Refresh' }))
  expect(await screen.findByText('1 conversation')).toBeInTheDocument()
  await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(4))
})

test('coming back from a conversation focuses the row that was opened', async () => {
  stubList()
  const first = renderList('/?sort=title')
  await screen.findByText('3 conversations')
  const banana = screen.getByText('banana shipping').closest('tr')
  expect(banana).not.toBeNull()
  await first.user.click(screen.getByText('banana shipping'))
  expect(window.location.pathname).toBe('/conversations/c3')
  expect(screen.getByText('Conversation open')).toBeInTheDocument()
  first.unmount()

  renderList('/?sort=title')
  await screen.findByText('3 conversations')
  await listComplete()
  await waitFor(() => expect(screen.getByText('banana shipping').closest('tr')).toHaveFocus())
})

test('Export CSV downloads every filtered row in table order', async () => {
  const many = Array.from({ length: 30 }, (_, i) =>
    conversation(`c${String(i).padStart(2, '0')}`, i + 1, { title: i % 2 ? 'odd, one' : 'even' }),
  )
  stubApi({ '/api/conversations/snapshot': () => ndjsonResponse(snapshotLines(many)) })
  const blobs: Blob[] = []
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:x'),
      revokeObjectURL: () => undefined,
    }),
  )
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
  const { user } = renderList('/?q=odd&limit=20')
  expect(await screen.findByText('15 conversations')).toBeInTheDocument()
  await listComplete()
  await user.click(screen.getByRole('button', { name: 'Export CSV' }))

  expect(click).toHaveBeenCalledOnce()
  const link = click.mock.contexts[0] as HTMLAnchorElement
  expect(link.download).toMatch(/^conversations-\d{4}-\d{2}-\d{2}\.csv$/)
  const bytes = new Uint8Array((await blobs[0]?.arrayBuffer()) ?? new ArrayBuffer(0))
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = new TextDecoder().decode(bytes).split('\r\n')
  expect(lines[0]).toBe('id,title,customer_user_id,message_count,created_at,updated_at')
  expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(
    many.filter((_, i) => i % 2).map((row) => row.id),
  )
  expect(lines[1]).toContain(',"odd, one",')
  click.mockRestore()
})
