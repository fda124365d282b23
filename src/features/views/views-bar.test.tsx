import { screen, waitFor, within } from '@testing-library/react'
import { beforeEach, expect, test } from 'vitest'
import { browserTimeZone } from '../../lib/calendar-day.ts'
import { conversationRow, pageOf } from '../../test/fake-api.ts'
import { savedView, serveViews } from '../../test/fake-views.ts'
import { renderList } from '../../test/render-list.tsx'
import { stubDialog } from '../../test/stub-dialog.ts'

const rows = [conversationRow('c1', 5), conversationRow('c2', 9)]
const list = {
  '/api/conversations': (url: URL) => pageOf(rows, url),
  '/api/conversations/count': () => ({ total: rows.length, version: 1 }),
}
const views = () => screen.getByRole('navigation', { name: 'Views' })
const params = (url: URL | undefined) => Object.fromEntries(url?.searchParams ?? [])

beforeEach(() => {
  stubDialog()
})

test('lists the saved views as links to their state, with what each matches, names as text', async () => {
  serveViews(
    [
      savedView('Refunds', { q: 'refund', sort: 'title', limit: 50 }, 1234),
      savedView('<b>VIP</b> in March', {
        customer: 'cu_7',
        from: '2025-03-01',
        to: '2025-03-31',
        tz: 'Europe/Paris',
      }),
    ],
    list,
  )
  renderList()
  const refunds = await within(views()).findByRole('link', { name: /^Refunds/ })
  expect(refunds).toHaveAttribute('href', '/?q=refund&sort=title&limit=50')
  expect(refunds).toHaveTextContent('1,234')
  const vip = within(views()).getByRole('link', { name: /^<b>VIP<\/b> in March/ })
  expect(vip).toHaveAttribute('href', '/?customer=cu_7&from=2025-03-01&to=2025-03-31')
  expect(views().querySelector('b')).toBeNull()
})

test('opening a view applies it: the URL, the filters and the request are its state', async () => {
  const api = serveViews([savedView('Refunds', { q: 'refund', sort: 'title', limit: 50 })], list)
  const { user } = renderList('/?page=3&customer=ada')
  const link = await within(views()).findByRole('link', { name: /^Refunds/ })
  expect(link).not.toHaveAttribute('aria-current')
  await user.click(link)
  await expect.poll(() => window.location.search).toBe('?q=refund&sort=title&limit=50')
  expect(screen.getByRole('textbox', { name: 'Search titles' })).toHaveValue('refund')
  expect(screen.getByRole('combobox', { name: 'Rows per page' })).toHaveValue('50')
  expect(link).toHaveAttribute('aria-current', 'page')
  await waitFor(() =>
    expect(params(api.sent('GET', '/api/conversations').at(-1)?.url)).toEqual({
      page: '1',
      limit: '50',
      sort: 'title',
      q: 'refund',
      count: '0',
    }),
  )
})

test('Save view stores the filters, sort and rows per page under a name for the team', async () => {
  const api = serveViews([], list)
  const { user } = renderList('/?q=late&sort=title&limit=50&from=2025-01-01&to=2025-01-31&page=3')
  await user.click(within(views()).getByRole('button', { name: 'Save view' }))
  const dialog = screen.getByRole('dialog', { name: 'Save view' })
  await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Late in January')
  await user.click(within(dialog).getByRole('button', { name: 'Save' }))

  expect(await within(views()).findByRole('link', { name: /^Late in January/ })).toHaveAttribute(
    'href',
    '/?q=late&from=2025-01-01&to=2025-01-31&sort=title&limit=50',
  )
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  expect(api.sent('POST', '/api/views').map((request) => request.body)).toEqual([
    {
      name: 'Late in January',
      query: {
        q: 'late',
        from: '2025-01-01',
        to: '2025-01-31',
        tz: browserTimeZone(),
        sort: 'title',
        limit: 50,
      },
    },
  ])
})

test('an empty, too long or taken name is said in the dialog, which stays open and saves nothing', async () => {
  const api = serveViews([savedView('Refunds', { q: 'refund' })], list)
  const { user } = renderList('/?q=late')
  await within(views()).findByRole('link', { name: /^Refunds/ })
  await user.click(screen.getByRole('button', { name: 'Save view' }))
  const dialog = screen.getByRole('dialog', { name: 'Save view' })
  const name = within(dialog).getByRole('textbox', { name: 'Name' })
  const save = within(dialog).getByRole('button', { name: 'Save' })

  await user.type(name, '   ')
  await user.click(save)
  expect(name).toHaveAccessibleDescription('Give the view a name.')
  expect(name).toHaveAttribute('aria-invalid', 'true')

  await user.clear(name)
  await user.type(name, 'x'.repeat(81))
  await user.click(save)
  expect(dialog).toHaveTextContent('A name is at most 80 characters; this one has 81.')

  await user.clear(name)
  await user.type(name, ' REFUNDS ')
  await user.click(save)
  expect(dialog).toHaveTextContent('A view named "Refunds" already exists; choose another name.')

  expect(screen.getByRole('dialog', { name: 'Save view' })).toBeInTheDocument()
  expect(api.sent('POST')).toEqual([])
})

test("a name someone else took meanwhile gets the server's message, and nothing is saved", async () => {
  const api = serveViews([], list)
  const { user } = renderList('/?q=late')
  await within(views()).findByText(/None saved yet/)
  // Saved by someone else after this page read the views.
  api.set([savedView('Late', { q: 'late' })])
  await user.click(screen.getByRole('button', { name: 'Save view' }))
  const dialog = screen.getByRole('dialog', { name: 'Save view' })
  await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'late')
  await user.click(within(dialog).getByRole('button', { name: 'Save' }))

  expect(
    await within(dialog).findByText('A view named "late" already exists; choose another name.'),
  ).toBeInTheDocument()
  expect(screen.getByRole('dialog', { name: 'Save view' })).toBeInTheDocument()
  expect(api.sent('POST')).toHaveLength(1)
  expect(api.views().map((view) => view.name)).toEqual(['Late'])
})

test('Delete view asks first; Cancel keeps it, Delete removes it for everyone', async () => {
  const refunds = savedView('Refunds', { q: 'refund' })
  const api = serveViews([refunds, savedView('VIP', { customer: 'cu_7' })], list)
  const { user } = renderList()
  await within(views()).findByRole('link', { name: /^Refunds/ })

  await user.click(screen.getByRole('button', { name: 'Delete view Refunds' }))
  const ask = screen.getByRole('alertdialog', { name: 'Delete view “Refunds”?' })
  await user.click(within(ask).getByRole('button', { name: 'Cancel' }))
  expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
  expect(api.sent('DELETE')).toEqual([])

  await user.click(screen.getByRole('button', { name: 'Delete view Refunds' }))
  await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }))
  await waitFor(() =>
    expect(within(views()).queryByRole('link', { name: /^Refunds/ })).not.toBeInTheDocument(),
  )
  expect(within(views()).getByRole('link', { name: /^VIP/ })).toBeInTheDocument()
  expect(api.sent('DELETE').map((request) => request.url.pathname)).toEqual([
    `/api/views/${refunds.id}`,
  ])
  expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Save view' })).toHaveFocus()
})

test('Rename view renames it for everyone, and a taken name is said', async () => {
  const refunds = savedView('Refunds', { q: 'refund' })
  const api = serveViews([refunds, savedView('VIP', { customer: 'cu_7' })], list)
  const { user } = renderList()
  await within(views()).findByRole('link', { name: /^Refunds/ })

  await user.click(screen.getByRole('button', { name: 'Rename view Refunds' }))
  const dialog = screen.getByRole('dialog', { name: 'Rename view' })
  const name = within(dialog).getByRole('textbox', { name: 'Name' })
  expect(name).toHaveValue('Refunds')
  await user.clear(name)
  await user.type(name, 'vip')
  await user.click(within(dialog).getByRole('button', { name: 'Save' }))
  expect(dialog).toHaveTextContent('A view named "VIP" already exists; choose another name.')

  await user.clear(name)
  await user.type(name, 'Refunds (EU)')
  await user.click(within(dialog).getByRole('button', { name: 'Save' }))
  expect(await within(views()).findByRole('link', { name: /^Refunds \(EU\)/ })).toHaveAttribute(
    'href',
    '/?q=refund',
  )
  expect(api.sent('PATCH').map((request) => [request.url.pathname, request.body])).toEqual([
    [`/api/views/${refunds.id}`, { name: 'Refunds (EU)' }],
  ])
})

test("another user's saved view appears when the server says the views changed", async () => {
  const api = serveViews([], list)
  const { events } = renderList()
  await within(views()).findByText(/None saved yet/)
  api.set([savedView('Escalations', { q: 'urgent' }, 3)])
  events.send('views', '{}')
  expect(
    await within(views()).findByRole('link', { name: 'Escalations 3 conversations' }),
  ).toHaveAttribute('href', '/?q=urgent')
})

test('a view still being counted is read again until its count comes', async () => {
  const view = savedView('Refunds', { q: 'refund' }, null)
  const api = serveViews([view], list)
  renderList()
  const link = await within(views()).findByRole('link', { name: 'Refunds counting' })
  api.set([{ ...view, count: 42 }])
  await waitFor(() => expect(link).toHaveAccessibleName('Refunds 42 conversations'), {
    timeout: 3000,
  })
})

test("the counts are read again when the mirror's version moves", async () => {
  const view = savedView('Refunds', { q: 'refund' }, 4)
  const api = serveViews([view], list)
  const { events } = renderList()
  events.status({ version: 1 })
  const link = await within(views()).findByRole('link', { name: 'Refunds 4 conversations' })
  api.set([{ ...view, count: 5 }])
  events.status({ version: 2 })
  await waitFor(() => expect(link).toHaveAccessibleName('Refunds 5 conversations'), {
    timeout: 4000,
  })
})

test('the counts are read again when the message sync makes more conversations searchable', async () => {
  const view = savedView('Parcelwise', { text: 'parcelwise' }, 0)
  const api = serveViews([view], list)
  const { events } = renderList()
  events.status({ version: 1, messages: { searched: 10, total: 100 } })
  const link = await within(views()).findByRole('link', { name: 'Parcelwise 0 conversations' })
  api.set([{ ...view, count: 3 }])
  events.status({ version: 1, messages: { searched: 60, total: 100 } })
  await waitFor(() => expect(link).toHaveAccessibleName('Parcelwise 3 conversations'), {
    timeout: 4000,
  })
})
