import { act, screen, waitFor } from '@testing-library/react'
import { expect, test } from 'vitest'
import type { ConversationRow } from '../../lib/contract.ts'
import { columnTexts, renderList } from '../../test/render-list.tsx'
import { conversationRow, pageOf, stubApi } from '../../test/fake-api.ts'

const titles = () => columnTexts(0).map((title) => title?.replace(/Active$/, ''))
const LIST = '/api/conversations'
const CHANGES = '/api/conversations/changes'

const rows = [conversationRow('c1', 10), conversationRow('c2', 20), conversationRow('c3', 30)]

/** The server's mirror at `version`, and its answer to /changes; the test moves both on. */
function serveMirror() {
  const mirror = { rows, version: 1, changed: 0 }
  const api = stubApi({
    [LIST]: (url) => pageOf(mirror.rows, url, mirror.version),
    [CHANGES]: () => ({ count: mirror.changed, version: mirror.version }),
  })
  const move = (next: ConversationRow[], version: number, changed: number) =>
    Object.assign(mirror, { rows: next, version, changed })
  return { ...api, move }
}

test('once complete, new or updated conversations are counted and shown only on Show', async () => {
  const api = serveMirror()
  const { events, user } = renderList('/?q=conv&customer=ada')
  events.status({ complete: true, loaded: 3, version: 1 })
  expect(await screen.findByText('3 conversations')).toBeInTheDocument()

  const added = [conversationRow('c9', 1, { title: 'Brand new' }), conversationRow('c8', 2)]
  api.move([...added, ...rows], 3, 2)
  events.status({ complete: true, syncing: true, loaded: 5, version: 3 })
  expect(await screen.findByText('2 new or updated')).toBeInTheDocument()
  const asked = api.requests(CHANGES).at(-1)
  expect(Object.fromEntries(asked?.searchParams ?? [])).toEqual({
    since: '1',
    customer: 'ada',
    q: 'conv',
  })
  expect(screen.getByText('3 conversations')).toBeInTheDocument()
  expect(titles()).toEqual(['Conversation c1', 'Conversation c2', 'Conversation c3'])
  expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Show' }))
  expect(await screen.findByText('5 conversations')).toBeInTheDocument()
  expect(titles().slice(0, 2)).toEqual(['Brand new', 'Conversation c8'])
  expect(screen.queryByText(/new or updated/)).not.toBeInTheDocument()
})

test('a change elsewhere in the mirror offers nothing for this view', async () => {
  const api = serveMirror()
  const { events } = renderList()
  events.status({ complete: true, loaded: 3, version: 1 })
  await screen.findByText('3 conversations')
  api.move(rows, 2, 0)
  events.status({ complete: true, loaded: 3, version: 2 })
  await waitFor(() => expect(api.requests(CHANGES)).toHaveLength(1))
  expect(screen.queryByText(/new or updated/)).not.toBeInTheDocument()
  expect(screen.queryByRole('button', { name: 'Show' })).not.toBeInTheDocument()
})

test('when loading ends the rows are read once more, not offered as new', async () => {
  const api = serveMirror()
  api.move(rows.slice(0, 1), 1, 0)
  const { events } = renderList()
  events.status({ complete: false, loaded: 1, total: 3, version: 1 })
  await screen.findByText('1 conversation')

  api.move(rows, 4, 2)
  events.status({ complete: true, loaded: 3, total: 3, version: 4 })
  expect(await screen.findByText('3 conversations')).toBeInTheDocument()
  expect(screen.queryByText(/new or updated/)).not.toBeInTheDocument()
  expect(api.requests(CHANGES)).toHaveLength(0)
})

test('a page that watched the list load shows the customer names read right after it, then holds still', async () => {
  const api = serveMirror()
  api.move(rows.slice(0, 1), 1, 0)
  const { events } = renderList()
  events.status({ complete: false, syncing: true, loaded: 1, total: 3, version: 1 })
  await screen.findByText('1 conversation')
  api.move(rows, 2, 0)
  events.status({ complete: true, syncing: true, loaded: 3, total: 3, version: 2 })
  expect(await screen.findByText('3 conversations')).toBeInTheDocument()

  // The same sync goes on to the customers: every row gets its customer's name.
  const named = rows.map((row) => ({ ...row, customer_name: 'Ada Lovelace' }))
  api.move(named, 3, 3)
  events.status({ complete: true, syncing: true, loaded: 3, total: 3, version: 3 })
  await waitFor(() => expect(screen.getAllByText('Ada Lovelace')).toHaveLength(3))
  expect(screen.queryByText(/new or updated/)).not.toBeInTheDocument()

  // That sync over, a later change is held behind Show. (The query cache hands a status to
  // the page in a batch of its own, on the next task: let it, as a real push stream does.)
  events.status({ complete: true, syncing: false, loaded: 3, total: 3, version: 3 })
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
  api.move([conversationRow('c9', 1, { title: 'Brand new' }), ...named], 4, 1)
  events.status({ complete: true, syncing: true, loaded: 4, total: 4, version: 4 })
  expect(await screen.findByText('1 new or updated')).toBeInTheDocument()
  expect(screen.getByText('3 conversations')).toBeInTheDocument()
  expect(api.requests(CHANGES).length).toBeGreaterThan(0)
})

test('rows read before the first status are caught up when that status already says complete', async () => {
  const api = serveMirror()
  api.move(rows.slice(0, 1), 1, 0)
  const { events } = renderList()
  // The first sync ends between the page's first read and its first pushed status.
  await screen.findByText('1 conversation')
  api.move(rows, 4, 2)
  events.status({ complete: true, loaded: 3, total: 3, version: 4 })
  expect(await screen.findByText('3 conversations')).toBeInTheDocument()
  expect(screen.queryByText(/new or updated/)).not.toBeInTheDocument()
  expect(api.requests(CHANGES)).toHaveLength(0)
})

test('says the list may be incomplete when the last pass could not confirm it', async () => {
  serveMirror()
  const { events } = renderList()
  events.status({ complete: true, loaded: 3, possibly_incomplete: true })
  expect(await screen.findByText(/This list may be incomplete/)).toBeVisible()
  expect(screen.getByText(/conversations changed while it was being read/)).toBeVisible()
  expect(screen.getByText('3 conversations')).toBeInTheDocument()

  events.status({ complete: true, loaded: 3, possibly_incomplete: false })
  await waitFor(() => expect(screen.queryByText(/may be incomplete/)).not.toBeInTheDocument())
})
