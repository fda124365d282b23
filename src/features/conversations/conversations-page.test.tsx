import { screen, waitFor, within } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import {
  bodyRows,
  columnTexts,
  conversationsTable as table,
  renderList,
} from '../../test/render-list.tsx'
import {
  controlledStream,
  conversation,
  errorResponse,
  ndjsonResponse,
  snapshotLines,
  stubApi,
} from '../../test/snapshot-fetch.ts'

const titles = () => columnTexts(0)

test('shows the snapshot newest activity first, with counts and page', async () => {
  const recent = conversation('c2', 5, { title: 'Recent' })
  const rows = [
    conversation('c1', 300, { title: 'Old' }),
    recent,
    conversation('c3', 90, { title: 'Middle' }),
  ]
  stubApi({ '/api/conversations/snapshot': () => ndjsonResponse(snapshotLines(rows)) })
  renderList()
  expect(await screen.findByText('3 conversations')).toBeInTheDocument()
  expect(titles()).toEqual(['RecentActive', 'Middle', 'Old'])
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
  const lastActivity = within(bodyRows()[0] ?? table()).getAllByRole('cell')[4]
  expect(lastActivity?.querySelector('time')).toHaveAttribute('datetime', recent.updated_at)
  expect(lastActivity).toHaveTextContent('5 min ago')
})

test('the progress bar moves while rows stream in and goes when the list is complete', async () => {
  const stream = controlledStream()
  stubApi({ '/api/conversations/snapshot': () => stream.response })
  renderList()
  stream.send({ type: 'meta', total: 3, as_of: null, complete: false })
  const bar = await screen.findByRole('progressbar', { name: 'Loading conversations' })
  await waitFor(() => expect(bar).toHaveAttribute('aria-valuemax', '3'))
  expect(bar).toHaveAttribute('aria-valuenow', '0')
  expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled()

  stream.send({ type: 'rows', rows: [conversation('c1', 10), conversation('c2', 20)] })
  await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '2'))
  expect(await screen.findByText('2 conversations')).toBeInTheDocument()
  expect(screen.getByText('Partial')).toBeInTheDocument()

  stream.send({ type: 'rows', rows: [conversation('c3', 30)] })
  stream.send({ type: 'end', complete: true, as_of: new Date().toISOString() })
  stream.end()
  expect(await screen.findByText('3 conversations')).toBeInTheDocument()
  expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
  expect(screen.queryByText('Partial')).not.toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled()
})

test('says when the rate limit holds loading back, and goes on by itself', async () => {
  const stream = controlledStream()
  stubApi({ '/api/conversations/snapshot': () => stream.response })
  renderList()
  stream.send({ type: 'meta', total: 2, as_of: null, complete: false })
  stream.send({ type: 'rows', rows: [conversation('c1', 10)] })
  stream.send({ type: 'wait', reason: 'rate_limit', retry_after_seconds: 12 })
  const status = await screen.findByRole('status')
  expect(status).toHaveTextContent(/rate limit/)
  expect(status).toHaveTextContent(/12 s/)

  stream.send({ type: 'rows', rows: [conversation('c2', 20)] })
  await waitFor(() => expect(screen.queryByRole('status')).not.toBeInTheDocument())
  expect(await screen.findByText('2 conversations')).toBeInTheDocument()
})

test('a failed load shows the server message in an alert, and Retry recovers', async () => {
  let calls = 0
  stubApi({
    '/api/conversations/snapshot': () =>
      ++calls === 1
        ? errorResponse(
            502,
            'upstream_unauthorized',
            'perform.chat refused the API key: check API_KEY_ID and API_KEY_SECRET.',
          )
        : ndjsonResponse(snapshotLines([conversation('c1', 10, { title: 'Back again' })])),
  })
  const { user } = renderList()
  const alert = await screen.findByRole('alert')
  expect(alert).toHaveTextContent('API_KEY_ID and API_KEY_SECRET')
  expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()

  await user.click(within(alert).getByRole('button', { name: 'Retry' }))
  expect(await screen.findByText('Back again')).toBeInTheDocument()
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
})

test('an error line in the stream and a malformed line both become alerts', async () => {
  stubApi({
    '/api/conversations/snapshot': () =>
      ndjsonResponse([
        { type: 'meta', total: 5, as_of: null, complete: false },
        { type: 'rows', rows: [conversation('c1', 10, { title: 'Kept' })] },
        { type: 'error', error: { code: 'upstream_error', message: 'perform.chat answered 500.' } },
      ]),
  })
  renderList()
  expect(await screen.findByRole('alert')).toHaveTextContent('perform.chat answered 500.')
  expect(screen.getByText('Kept')).toBeInTheDocument()
  vi.unstubAllGlobals()

  stubApi({ '/api/conversations/snapshot': () => ndjsonResponse([{ type: 'rows', rows: [{}] }]) })
  renderList()
  await waitFor(() =>
    expect(screen.getAllByRole('alert').at(-1)).toHaveTextContent(/Line 1 of .* not what/),
  )
})

test('says so when there are no conversations at all', async () => {
  stubApi({ '/api/conversations/snapshot': () => ndjsonResponse(snapshotLines([])) })
  renderList()
  expect(await screen.findByText('No conversations yet')).toBeInTheDocument()
  expect(screen.getByText('0 conversations')).toBeInTheDocument()
  expect(screen.getByText('Page 1 of 1')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled()
})

test('a title that looks like HTML is shown as literal text', async () => {
  const hostile = '<img src=x onerror="alert(1)"><b>bold</b>'
  stubApi({
    '/api/conversations/snapshot': () =>
      ndjsonResponse(snapshotLines([conversation('c1', 500, { title: hostile })])),
  })
  renderList()
  const cell = await screen.findByText(hostile)
  expect(cell).toHaveAttribute('title', hostile)
  expect(table().querySelector('img, b')).toBeNull()
})

test('a deep link to a later page waits for its rows instead of jumping back', async () => {
  const stream = controlledStream()
  stubApi({ '/api/conversations/snapshot': () => stream.response })
  renderList('/?page=3')
  const many = Array.from({ length: 60 }, (_, i) =>
    conversation(`c${String(i).padStart(2, '0')}`, i + 1),
  )
  stream.send({ type: 'meta', total: 60, as_of: null, complete: false })
  stream.send({ type: 'rows', rows: many.slice(0, 25) })
  expect(
    await screen.findByText('Page 3 is not loaded yet; it shows once it arrives.'),
  ).toBeInTheDocument()
  expect(screen.getByText('Page 3 of 2')).toBeInTheDocument()

  stream.send({ type: 'rows', rows: many.slice(25) })
  stream.send({ type: 'end', complete: true, as_of: new Date().toISOString() })
  stream.end()
  expect(await screen.findByText('Page 3 of 3')).toBeInTheDocument()
  expect(titles()[0]).toBe('Conversation c40Active')
  expect(window.location.search).toBe('?page=3')
})
