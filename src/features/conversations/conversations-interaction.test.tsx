import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import type { ConversationRow } from '../../lib/contract.ts'
import { columnTexts, conversationsTable as table, renderList } from '../../test/render-list.tsx'
import { currentLocation } from '../../lib/router.ts'
import { FILTER_DEBOUNCE_MS, PREVIEW_PAUSE_MS } from './filter-timing.ts'
import { conversationRow, customer, gate, pageOf, stubApi } from '../../test/fake-api.ts'

const titles = () => columnTexts(0)
const LIST = '/api/conversations'

const rows = [
  conversationRow('c1', 200, {
    title: 'Crème brûlée order',
    customer_user_id: 'cu_ada',
    customer_name: 'Ada Lovelace',
  }),
  conversationRow('c2', 100, { title: 'Apple refund', customer_user_id: 'cu_bob' }),
  conversationRow('c3', 300, { title: 'banana shipping', customer_user_id: 'cu_ada' }),
]

/** The parameters of the last page the list asked the server for. */
function lastAsked(requests: (path: string) => URL[]) {
  return Object.fromEntries(requests(LIST).at(-1)?.searchParams ?? [])
}

/** A server that answers every view with `answer(url)`'s rows, paged. */
function serve(answer: (url: URL) => readonly ConversationRow[] = () => rows) {
  return stubApi({ [LIST]: (url) => pageOf(answer(url), url) })
}

test('clicking a header asks the server for that order, and clicking again reverses it', async () => {
  const api = serve((url) =>
    url.searchParams.get('sort') === 'title'
      ? [rows[1], rows[2], rows[0]].flatMap((r) => r ?? [])
      : rows,
  )
  const { user } = renderList()
  await screen.findByText('3 conversations')
  const title = screen.getByRole('columnheader', { name: 'Title' })
  await user.click(within(title).getByRole('button', { name: 'Title' }))
  expect(title).toHaveAttribute('aria-sort', 'ascending')
  expect(screen.getByRole('columnheader', { name: 'Last activity' })).not.toHaveAttribute(
    'aria-sort',
  )
  await expect.poll(() => window.location.search).toBe('?sort=title')
  expect(lastAsked(api.requests)).toMatchObject({ sort: 'title', page: '1' })
  await waitFor(() =>
    expect(titles()).toEqual(['Apple refund', 'banana shipping', 'Crème brûlée order']),
  )

  await user.click(within(title).getByRole('button', { name: 'Title' }))
  expect(title).toHaveAttribute('aria-sort', 'descending')
  expect(lastAsked(api.requests)).toMatchObject({ sort: '-title' })

  await user.click(screen.getByRole('button', { name: 'Messages' }))
  expect(screen.getByRole('columnheader', { name: 'Messages' })).toHaveAttribute(
    'aria-sort',
    'descending',
  )
  await expect.poll(() => window.location.search).toBe('?sort=-message_count')
})

test('typing in Search titles asks the server without Enter and shows its count', async () => {
  const api = serve((url) => {
    const q = url.searchParams.get('q')?.toLowerCase()
    return q ? rows.filter((row) => row.title?.toLowerCase().includes(q)) : rows
  })
  const { user } = renderList('/?page=2')
  await screen.findByText('3 conversations')
  await user.type(screen.getByRole('textbox', { name: 'Search titles' }), 'APPLE')
  expect(await screen.findByText('1 conversation')).toBeInTheDocument()
  expect(titles()).toEqual(['Apple refund'])
  await expect.poll(() => window.location.search).toBe('?q=APPLE')
  expect(lastAsked(api.requests)).toMatchObject({ q: 'APPLE', page: '1' })

  await user.clear(screen.getByRole('textbox', { name: 'Search titles' }))
  await user.type(screen.getByRole('textbox', { name: 'Search titles' }), 'zzz')
  expect(await screen.findByText('0 conversations')).toBeInTheDocument()
  await user.click(screen.getByRole('button', { name: 'Clear filters' }))
  expect(await screen.findByText('3 conversations')).toBeInTheDocument()
  expect(screen.getByRole('textbox', { name: 'Search titles' })).toHaveValue('')
  await expect.poll(() => window.location.search).toBe('')
})

/**
 * Types `value` into `field` at once, on fake timers: `whilePaused` runs after the preview
 * pause, while the text is not applied yet; then the debounce applies it.
 */
async function typeThenPause(field: HTMLElement, value: string, whilePaused: () => void) {
  const before = currentLocation().search
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  try {
    fireEvent.change(field, { target: { value } })
    await vi.advanceTimersByTimeAsync(PREVIEW_PAUSE_MS)
    whilePaused()
    expect(currentLocation().search).toBe(before)
    await vi.advanceTimersByTimeAsync(FILTER_DEBOUNCE_MS - PREVIEW_PAUSE_MS)
    await vi.runOnlyPendingTimersAsync()
  } finally {
    vi.useRealTimers()
  }
}

test('a pause in typing asks for the typed rows before the debounce applies them, once', async () => {
  const api = serve((url) => {
    const q = url.searchParams.get('q')?.toLowerCase()
    return q ? rows.filter((row) => row.title?.toLowerCase().includes(q)) : rows
  })
  const asked = (q: string) => api.requests(LIST).filter((url) => url.searchParams.get('q') === q)
  renderList()
  await screen.findByText('3 conversations')
  await typeThenPause(screen.getByRole('textbox', { name: 'Search titles' }), 'banana', () => {
    expect(asked('banana')).toHaveLength(1)
  })
  expect(currentLocation().search).toBe('?q=banana')
  await expect.poll(() => window.location.search).toBe('?q=banana')
  expect(await screen.findByText('1 conversation')).toBeInTheDocument()
  expect(titles()).toEqual(['banana shipping'])
  // Applying used the rows already asked for.
  expect(asked('banana')).toHaveLength(1)
})

/** A server whose customer "lovel" finds Ada, whose conversations are rows 1 and 3. */
function serveCustomers() {
  const ada = customer('cu_ada', 'Ada Lovelace', 'ada@analytical.org')
  const api = stubApi({
    [LIST]: (url) =>
      pageOf(url.searchParams.get('customer') ? rows.filter((_, i) => i !== 1) : rows, url),
    '/api/customers': (url) => ({ data: url.searchParams.get('q') === 'lovel' ? [ada] : [] }),
  })
  return api
}

test('a pause in typing a customer asks for its suggestions and rows before it is applied', async () => {
  const api = serveCustomers()
  const askedRows = () =>
    api.requests(LIST).filter((url) => url.searchParams.get('customer') === 'lovel')
  renderList()
  await screen.findByText('3 conversations')
  await typeThenPause(screen.getByRole('combobox', { name: 'Customer' }), 'lovel', () => {
    expect(askedRows()).toHaveLength(1)
    const suggested = api.requests('/api/customers').map((url) => url.searchParams.get('q'))
    expect(suggested).toEqual(['lovel'])
  })
  expect(currentLocation().search).toBe('?customer=lovel')
  expect(await screen.findByText('2 conversations')).toBeInTheDocument()
  expect(await screen.findByRole('option', { name: /Ada Lovelace/ })).toBeInTheDocument()
  expect(askedRows()).toHaveLength(1)
  expect(api.requests('/api/customers')).toHaveLength(1)
})

test('the Customer filter asks the server, suggests its customers, and a pick filters by id', async () => {
  const api = serveCustomers()
  const { user } = renderList()
  await screen.findByText('3 conversations')
  const input = screen.getByRole('combobox', { name: 'Customer' })
  await user.type(input, ' lovel')
  expect(await screen.findByText('2 conversations')).toBeInTheDocument()
  expect(lastAsked(api.requests)).toMatchObject({ customer: 'lovel' })
  await expect.poll(() => window.location.search).toBe('?customer=+lovel')

  const listbox = await screen.findByRole('listbox')
  expect(input).toHaveAttribute('aria-expanded', 'true')
  expect(input).toHaveAttribute('aria-controls', listbox.id)
  await user.keyboard('{ArrowDown}')
  const option = within(listbox).getByRole('option', { name: /Ada Lovelace/ })
  expect(option).toHaveTextContent('ada@analytical.org')
  expect(option).toHaveAttribute('aria-selected', 'true')
  expect(input).toHaveAttribute('aria-activedescendant', option.id)
  await user.keyboard('{Enter}')
  expect(input).toHaveValue('cu_ada')
  expect(input).toHaveAttribute('aria-expanded', 'false')
  await expect.poll(() => window.location.search).toBe('?customer=cu_ada')
  await waitFor(() => expect(lastAsked(api.requests)).toMatchObject({ customer: 'cu_ada' }))
  await user.keyboard('{Escape}')
  expect(input).toHaveValue('')
  await expect.poll(() => window.location.search).toBe('')
})

test('paging buttons and rows per page move the URL and the request', async () => {
  const many = Array.from({ length: 45 }, (_, i) =>
    conversationRow(`c${String(i).padStart(2, '0')}`, i + 1),
  )
  const api = serve(() => many)
  const { user } = renderList('/?page=3')
  expect(await screen.findByText('Page 3 of 3')).toBeInTheDocument()
  await waitFor(() => expect(titles()).toHaveLength(5))
  expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled()

  await user.click(screen.getByRole('button', { name: 'First page' }))
  expect(screen.getByText('Page 1 of 3')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled()
  await user.click(screen.getByRole('button', { name: 'Next page' }))
  expect(screen.getByText('Page 2 of 3')).toBeInTheDocument()
  await expect.poll(() => window.location.search).toBe('?page=2')
  await waitFor(() => expect(titles()[0]).toBe('Conversation c20Active'))

  await user.selectOptions(screen.getByRole('combobox', { name: 'Rows per page' }), '50')
  expect(await screen.findByText('Page 1 of 1')).toBeInTheDocument()
  await expect.poll(() => window.location.search).toBe('?limit=50')
  expect(lastAsked(api.requests)).toMatchObject({ page: '1', limit: '50' })
  await waitFor(() => expect(titles()).toHaveLength(45))
})

test('the next page is asked for ahead, and the rows stay while a page loads', async () => {
  const many = Array.from({ length: 60 }, (_, i) =>
    conversationRow(`c${String(i).padStart(2, '0')}`, i + 1),
  )
  const third = gate()
  const api = stubApi({
    [LIST]: async (url) => {
      if (url.searchParams.get('page') === '3') await third.promise
      return pageOf(many, url)
    },
  })
  const { user } = renderList()
  await screen.findByText('60 conversations')
  await waitFor(() =>
    expect(api.requests(LIST).map((url) => url.searchParams.get('page'))).toEqual(['1', '2']),
  )

  // Page 2 was asked for ahead: it shows at once, and page 3 is asked for in turn.
  await user.click(screen.getByRole('button', { name: 'Next page' }))
  expect(titles()[0]).toBe('Conversation c20Active')
  await waitFor(() => expect(api.requests(LIST)).toHaveLength(3))

  await user.click(screen.getByRole('button', { name: 'Next page' }))
  expect(screen.getByText('Page 3 of 3')).toBeInTheDocument()
  expect(titles()[0]).toBe('Conversation c20Active')
  expect(table()).toHaveAttribute('aria-busy', 'true')
  act(() => third.open())
  await waitFor(() => expect(titles()[0]).toBe('Conversation c40Active'))
  expect(table()).toHaveAttribute('aria-busy', 'false')
})

test('rows take the arrow keys, and Enter opens the focused conversation with the list query', async () => {
  serve()
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
  await user.keyboard('{ArrowUp}')
  expect(first).toHaveFocus()
  await user.keyboard('{ArrowDown}{Enter}')
  await expect
    .poll(() => window.location.pathname + window.location.search)
    .toBe('/conversations/c2?sort=title')
  expect(window.history.state).toEqual({ fromList: '?sort=title' })
})

test('j opens the conversation after the focused row, and k the one before', async () => {
  serve()
  const { user } = renderList('/?sort=title')
  await screen.findByText('3 conversations')
  act(() => screen.getByText('Apple refund').closest('tr')?.focus())
  await user.keyboard('j')
  await waitFor(() => expect(window.location.pathname).toBe('/conversations/c3'))
  await expect.poll(() => window.location.search).toBe('?sort=title')

  window.history.replaceState(null, '', '/?sort=title')
  act(() => {
    window.dispatchEvent(new PopStateEvent('popstate'))
  })
  await screen.findByText('3 conversations')
  act(() => screen.getByText('Apple refund').closest('tr')?.focus())
  await user.keyboard('k')
  await waitFor(() => expect(window.location.pathname).toBe('/conversations/c1'))
})

test('j and k are letters, not moves, in a text field', async () => {
  serve()
  const { user } = renderList()
  await screen.findByText('3 conversations')
  await user.type(screen.getByRole('textbox', { name: 'Search titles' }), 'jk')
  expect(screen.getByRole('textbox', { name: 'Search titles' })).toHaveValue('jk')
  await expect.poll(() => window.location.pathname).toBe('/')
})

test('coming back from a conversation focuses the row that was opened', async () => {
  serve()
  const first = renderList('/?sort=title')
  await screen.findByText('3 conversations')
  await first.user.click(screen.getByText('banana shipping'))
  await expect.poll(() => window.location.pathname).toBe('/conversations/c3')
  expect(screen.getByText('Conversation open')).toBeInTheDocument()
  first.unmount()

  renderList('/?sort=title')
  await screen.findByText('3 conversations')
  await waitFor(() => expect(screen.getByText('banana shipping').closest('tr')).toHaveFocus())
})

test("Export CSV downloads the server's file for the filters and sort, once the list is complete", async () => {
  serve()
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
  const { user, events } = renderList('/?customer=ada&q=odd+one&sort=title&page=2')
  const button = screen.getByRole('button', { name: 'Export CSV' })
  expect(button).toBeDisabled()
  events.status({ complete: false, loaded: 1, total: 3 })
  await screen.findByRole('progressbar', { name: 'Loading conversations' })
  expect(button).toBeDisabled()

  events.status({ complete: true, loaded: 3, total: 3 })
  await waitFor(() => expect(button).toBeEnabled())
  await user.click(button)
  expect(click).toHaveBeenCalledOnce()
  const link = click.mock.contexts[0] as HTMLAnchorElement
  const href = new URL(link.href)
  expect(href.pathname).toBe('/api/conversations/export.csv')
  expect(Object.fromEntries(href.searchParams)).toEqual({
    sort: 'title',
    customer: 'ada',
    q: 'odd one',
  })
  expect(link).toHaveAttribute('download', '')
  click.mockRestore()
})
