import { act, screen, waitFor } from '@testing-library/react'
import { expect, test } from 'vitest'
import { columnTexts, renderList } from '../../test/render-list.tsx'
import { conversationRow, gate, pageOf, stubApi } from '../../test/fake-api.ts'

const LIST = '/api/conversations'
const COUNT = '/api/conversations/count'
const rows = Array.from({ length: 45 }, (_, i) => conversationRow(`c${i}`, i))

test('a title search shows its rows before its count, which is asked apart', async () => {
  // A one-letter title search, which no index counts, scans every row to count.
  const counted = gate()
  const api = stubApi({
    [LIST]: (url) => pageOf(rows, url),
    [COUNT]: async () => {
      await counted.promise
      return { total: rows.length, version: 1 }
    },
  })
  const { user } = renderList('/')
  await waitFor(() => expect(columnTexts(0)).toHaveLength(20))
  await user.type(screen.getByRole('textbox', { name: 'Search titles' }), 'r')

  await waitFor(() =>
    expect(api.requests(LIST).some((url) => url.searchParams.get('q') === 'r')).toBe(true),
  )
  const page = api.requests(LIST).find((url) => url.searchParams.get('q') === 'r')
  expect(page?.searchParams.get('count')).toBe('0')
  expect(await screen.findByText('Counting…')).toBeInTheDocument()
  expect(columnTexts(0)).toHaveLength(20)

  act(() => counted.open())
  expect(await screen.findByText('45 conversations')).toBeInTheDocument()
  expect(screen.getByText('Page 1 of 3')).toBeInTheDocument()
})
