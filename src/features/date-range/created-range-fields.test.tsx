import { fireEvent, screen, waitFor } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import { browserTimeZone } from '../../lib/calendar-day.ts'
import { conversationRow, pageOf, stubApi } from '../../test/fake-api.ts'
import { renderList } from '../../test/render-list.tsx'

const LIST = '/api/conversations'
const rows = Array.from({ length: 45 }, (_, i) => conversationRow(`c${i}`, i))
const params = (url: URL | undefined) => Object.fromEntries(url?.searchParams ?? [])
const field = (name: string) => screen.getByLabelText(name, { selector: 'input' })
const REVERSED = 'Created from is after Created to: the dates are not applied.'

test('Created from and Created to go into the URL and the request with the zone, on page 1', async () => {
  const api = stubApi({
    [LIST]: (url) => pageOf(rows, url),
    [`${LIST}/count`]: () => ({ total: rows.length, version: 1 }),
  })
  renderList('/?page=2&q=late')
  await screen.findByText('Page 2 of 3')
  expect(field('Created from')).toHaveAttribute('type', 'date')

  fireEvent.change(field('Created from'), { target: { value: '2025-03-01' } })
  fireEvent.change(field('Created to'), { target: { value: '2025-03-31' } })
  await waitFor(() => expect(window.location.search).toBe('?q=late&from=2025-03-01&to=2025-03-31'))
  // The first request with both days (the next page is asked for ahead, after it).
  const ranged = () => api.requests(LIST).find((url) => url.searchParams.has('to'))
  await waitFor(() =>
    expect(params(ranged())).toEqual({
      page: '1',
      limit: '20',
      sort: '-updated_at',
      q: 'late',
      from: '2025-03-01',
      to: '2025-03-31',
      tz: browserTimeZone(),
      count: '0',
    }),
  )
  expect(screen.queryByText(REVERSED)).not.toBeInTheDocument()
})

test('a deep link fills the dates; clearing one sends only the other', async () => {
  const api = stubApi({ [LIST]: (url) => pageOf(rows, url) })
  renderList('/?from=2025-03-01&to=2025-03-31')
  expect(field('Created from')).toHaveValue('2025-03-01')
  expect(field('Created to')).toHaveValue('2025-03-31')
  fireEvent.change(field('Created from'), { target: { value: '' } })
  await waitFor(() => expect(window.location.search).toBe('?to=2025-03-31'))
  await waitFor(() => expect(params(api.requests(LIST).at(-1))).not.toHaveProperty('from'))
  expect(params(api.requests(LIST).at(-1))).toMatchObject({ to: '2025-03-31' })
})

test('a reversed range says so and is not sent; the list shows without it', async () => {
  const api = stubApi({ [LIST]: (url) => pageOf(rows, url) })
  renderList('/?from=2025-03-31&to=2025-03-01')
  expect(await screen.findByText('45 conversations')).toBeInTheDocument()
  expect(screen.getByText(REVERSED)).toBeInTheDocument()
  expect(field('Created from')).toHaveAccessibleDescription(REVERSED)
  expect(params(api.requests(LIST)[0])).toEqual({ page: '1', limit: '20', sort: '-updated_at' })
  const ranged = api
    .requests(LIST)
    .filter((url) => ['from', 'to', 'tz'].some((name) => url.searchParams.has(name)))
  expect(ranged).toEqual([])
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
})

test('a day that does not exist in the URL falls back to no date, without an error', async () => {
  const api = stubApi({ [LIST]: (url) => pageOf(rows, url) })
  renderList('/?from=2025-02-30&to=soon')
  expect(await screen.findByText('45 conversations')).toBeInTheDocument()
  expect(field('Created from')).toHaveValue('')
  expect(field('Created to')).toHaveValue('')
  expect(params(api.requests(LIST)[0])).toEqual({ page: '1', limit: '20', sort: '-updated_at' })
})

test('Export CSV carries the created range and the zone', async () => {
  stubApi({ [LIST]: (url) => pageOf(rows, url) })
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
  const { user, events } = renderList('/?from=2025-03-01&to=2025-03-31&sort=title')
  events.status({ complete: true, loaded: 45 })
  const button = screen.getByRole('button', { name: 'Export CSV' })
  await waitFor(() => expect(button).toBeEnabled())
  await user.click(button)
  const href = new URL((click.mock.contexts[0] as HTMLAnchorElement).href)
  expect(href.pathname).toBe('/api/conversations/export.csv')
  expect(params(href)).toEqual({
    sort: 'title',
    from: '2025-03-01',
    to: '2025-03-31',
    tz: browserTimeZone(),
  })
  click.mockRestore()
})
