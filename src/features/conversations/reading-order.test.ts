import { QueryClient } from '@tanstack/react-query'
import { expect, test } from 'vitest'
import { conversationRow, pageOf, stubApi } from '../../test/fake-api.ts'
import { neighbourOf } from './reading-order.ts'
import { parseListState } from './list-url-state.ts'

// 45 conversations, 20 a page: c01–c20, c21–c40, c41–c45.
const rows = Array.from({ length: 45 }, (_, i) =>
  conversationRow(`c${String(i + 1).padStart(2, '0')}`, i + 1),
)

function setup(answer = (url: URL) => pageOf(rows, url)) {
  const api = stubApi({ '/api/conversations': answer })
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const at = (search: string) => parseListState(search)
  return { api, client, at }
}

test('the next and previous rows of the same page', async () => {
  const { client, at } = setup()
  expect(await neighbourOf(client, at('?page=2'), 'c25', 1)).toEqual({ id: 'c26', page: 2 })
  expect(await neighbourOf(client, at('?page=2'), 'c25', -1)).toEqual({ id: 'c24', page: 2 })
})

test("goes on to the next page's first row and the previous page's last", async () => {
  const { client, at } = setup()
  expect(await neighbourOf(client, at(''), 'c20', 1)).toEqual({ id: 'c21', page: 2 })
  expect(await neighbourOf(client, at('?page=2'), 'c21', -1)).toEqual({ id: 'c20', page: 1 })
})

test('stops at the first row of the first page and the last row of the last', async () => {
  const { api, client, at } = setup()
  expect(await neighbourOf(client, at(''), 'c01', -1)).toBeNull()
  expect(await neighbourOf(client, at('?page=3'), 'c45', 1)).toBeNull()
  // The count says page 3 is the last: page 4 is not asked for.
  const pages = api.requests('/api/conversations').map((url) => url.searchParams.get('page'))
  expect(pages).toEqual(['1', '3'])
})

test('without a row to start from, j opens the first row of the page and k nothing', async () => {
  const { client, at } = setup()
  expect(await neighbourOf(client, at('?page=2'), null, 1)).toEqual({ id: 'c21', page: 2 })
  expect(await neighbourOf(client, at('?page=2'), 'not-on-this-page', 1)).toEqual({
    id: 'c21',
    page: 2,
  })
  expect(await neighbourOf(client, at('?page=2'), null, -1)).toBeNull()
})

test("asks for the view's pages, and reads a page the table has from the cache", async () => {
  const { api, client, at } = setup()
  const view = at('?q=refund&sort=title&limit=50')
  await neighbourOf(client, view, 'c01', 1)
  await neighbourOf(client, view, 'c02', 1)
  const asked = api.requests('/api/conversations')
  expect(asked).toHaveLength(1)
  expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toMatchObject({
    q: 'refund',
    sort: 'title',
    limit: '50',
  })
})

test('with a message search (not counted with its page), an empty next page ends the walk', async () => {
  const { client, at } = setup((url) => pageOf(rows.slice(0, 40), url))
  expect(await neighbourOf(client, at('?text=late&page=2'), 'c40', 1)).toBeNull()
  expect(await neighbourOf(client, at('?text=late'), 'c20', 1)).toEqual({ id: 'c21', page: 2 })
})
