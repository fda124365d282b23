import { act, screen, waitFor, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { browserTimeZone } from '../../lib/calendar-day.ts'
import type { Activity } from '../../lib/contract.ts'
import { conversationRow, errorResponse, pageOf, stubApi } from '../../test/fake-api.ts'
import { renderList } from '../../test/render-list.tsx'

const ACTIVITY = '/api/conversations/activity'
const rows = [conversationRow('c1', 5)]
const params = (url: URL | undefined) => Object.fromEntries(url?.searchParams ?? [])

const march: Activity = {
  days: [
    { date: '2025-03-01', count: 2 },
    { date: '2025-03-02', count: 0 },
    { date: '2025-03-03', count: 5 },
    { date: '2025-03-04', count: 1 },
    { date: '2025-03-05', count: 0 },
    { date: '2025-03-06', count: 1 },
  ],
  total: 9,
  version: 1,
}

function serve(activity: (url: URL) => unknown = () => march) {
  return stubApi({ '/api/conversations': (url) => pageOf(rows, url), [ACTIVITY]: activity })
}

async function openChart(user: ReturnType<typeof renderList>['user']) {
  const button = screen.getByRole('button', { name: 'Activity' })
  expect(button).toHaveAttribute('aria-expanded', 'false')
  await user.click(button)
  expect(button).toHaveAttribute('aria-expanded', 'true')
  return screen.findByRole('figure', { name: 'Conversations per day' })
}

test("the chart's table holds every day the server counted, zeros included", async () => {
  serve()
  const { user } = renderList('/?from=2025-03-01&to=2025-03-06')
  const figure = await openChart(user)
  const table = await within(figure).findByRole('table', { name: 'Conversations per day' })
  const headers = within(table)
    .getAllByRole('columnheader')
    .map((cell) => cell.textContent)
  expect(headers).toEqual(['Date', 'Conversations'])
  const body = within(table).getAllByRole('row').slice(1)
  expect(
    body.map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ),
  ).toEqual(march.days.map((day) => [day.date, String(day.count)]))
})

test('writes out the total, the daily median and the busiest day', async () => {
  serve()
  const { user } = renderList('/?from=2025-03-01&to=2025-03-06')
  const figure = await openChart(user)
  const total = await within(figure).findByText('Total')
  expect(total.nextElementSibling).toHaveTextContent('9')
  expect(within(figure).getByText('Daily median').nextElementSibling).toHaveTextContent(/^1$/)
  const busiest = within(figure).getByText('Busiest day').nextElementSibling
  expect(busiest?.querySelector('time')).toHaveAttribute('datetime', '2025-03-03')
  expect(busiest).toHaveTextContent(/\(5\)$/)
})

test("asks for the list's filters and range in the browser's zone, and for the zone alone by default", async () => {
  const api = serve()
  const { user } = renderList('/?q=late&customer=ada&from=2025-03-01&to=2025-03-06&sort=title')
  await openChart(user)
  await waitFor(() => expect(api.requests(ACTIVITY)).toHaveLength(1))
  expect(params(api.requests(ACTIVITY)[0])).toEqual({
    customer: 'ada',
    q: 'late',
    from: '2025-03-01',
    to: '2025-03-06',
    tz: browserTimeZone(),
  })
})

test('without a range, the chart asks for the 30 days ending today in the zone', async () => {
  const api = serve()
  const { user } = renderList('/')
  await openChart(user)
  await waitFor(() => expect(api.requests(ACTIVITY)).toHaveLength(1))
  expect(params(api.requests(ACTIVITY)[0])).toEqual({ tz: browserTimeZone() })
})

test('a range over two years is said, and nothing is asked', async () => {
  const api = serve()
  const { user } = renderList('/?from=2020-01-01&to=2025-01-01')
  const figure = await openChart(user)
  expect(figure).toHaveTextContent('The chart covers at most 731 days (two years)')
  expect(api.requests(ACTIVITY)).toEqual([])
})

test('each bar is a day the keyboard reaches: arrows move, a tooltip says the day', async () => {
  serve()
  const { user } = renderList('/?from=2025-03-01&to=2025-03-06')
  const figure = await openChart(user)
  const last = await within(figure).findByRole('img', { name: '2025-03-06: 1 conversation' })
  expect(last).toHaveAttribute('tabindex', '0')
  expect(within(figure).getByRole('img', { name: '2025-03-05: 0 conversations' })).toHaveAttribute(
    'tabindex',
    '-1',
  )
  act(() => last.focus())
  // The tooltip, for sighted keyboard users (the bar's name says the same to others).
  expect(within(figure).getByText('1 conversation')).toBeInTheDocument()
  await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}')
  const busiest = within(figure).getByRole('img', { name: '2025-03-03: 5 conversations' })
  expect(busiest).toHaveFocus()
  expect(busiest).toHaveAttribute('tabindex', '0')
  expect(last).toHaveAttribute('tabindex', '-1')
  expect(within(figure).getByText('5 conversations')).toBeInTheDocument()
  expect(within(figure).queryByText('1 conversation')).not.toBeInTheDocument()
  await user.keyboard('{Escape}')
  expect(within(figure).queryByText('5 conversations')).not.toBeInTheDocument()
})

test('a failed chart says why in an alert, and Retry reads it again', async () => {
  let fail = true
  serve(() => (fail ? errorResponse(503, 'mirror_unavailable', 'The database is busy.') : march))
  const { user } = renderList('/?from=2025-03-01&to=2025-03-06')
  const figure = await openChart(user)
  const alert = await within(figure).findByRole('alert')
  expect(alert).toHaveTextContent('The database is busy.')
  fail = false
  await user.click(within(alert).getByRole('button', { name: 'Retry' }))
  expect(await within(figure).findByRole('table')).toBeInTheDocument()
  expect(within(figure).queryByRole('alert')).not.toBeInTheDocument()
})

test('Activity hides the chart again', async () => {
  serve()
  const { user } = renderList('/')
  await openChart(user)
  await user.click(screen.getByRole('button', { name: 'Activity' }))
  expect(screen.getByRole('button', { name: 'Activity' })).toHaveAttribute('aria-expanded', 'false')
  expect(screen.queryByRole('figure')).not.toBeInTheDocument()
})
