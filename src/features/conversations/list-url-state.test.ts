import { expect, test } from 'vitest'
import { apiView, listSearch, parseListState } from './list-url-state.ts'

const defaults = {
  page: 1,
  limit: 20,
  customer: '',
  q: '',
  text: '',
  from: '',
  to: '',
  sort: { column: 'updated_at', desc: true },
}

test('an empty query string is the default view: last activity, newest first', () => {
  expect(parseListState('')).toEqual(defaults)
})

test('reads every parameter', () => {
  expect(
    parseListState('?page=3&limit=50&customer=cu_7&q=h%C3%A9llo&text=refund+late&sort=title'),
  ).toEqual({
    page: 3,
    limit: 50,
    customer: 'cu_7',
    q: 'héllo',
    text: 'refund late',
    from: '',
    to: '',
    sort: { column: 'title', desc: false },
  })
  expect(parseListState('?sort=-message_count').sort).toEqual({
    column: 'message_count',
    desc: true,
  })
})

test('invalid values fall back to their defaults one by one', () => {
  expect(parseListState('?page=abc&limit=1000&sort=bogus&q=ok')).toEqual({ ...defaults, q: 'ok' })
  expect(parseListState('?page=0&limit=10&sort=--title')).toEqual(defaults)
  expect(parseListState('?page=2.5&limit=&sort=id')).toEqual(defaults)
  expect(parseListState('?page=-4').page).toBe(1)
})

test('writes only what differs from the defaults', () => {
  expect(listSearch(defaults as Parameters<typeof listSearch>[0])).toBe('')
  const state = parseListState('?page=2&limit=100&customer=a b&q=x&text=y z&sort=-created_at')
  expect(listSearch(state)).toBe('?customer=a+b&q=x&text=y+z&sort=-created_at&limit=100&page=2')
  expect(parseListState(listSearch(state))).toEqual(state)
})

test('a view that changes only its filter keeps the same sort object', () => {
  expect(parseListState('?q=a&sort=title').sort).toBe(parseListState('?q=ab&sort=title').sort)
})

test('reads Created from and Created to as calendar days; anything else is no date', () => {
  const state = parseListState('?from=2025-03-01&to=2025-03-31')
  expect([state.from, state.to]).toEqual(['2025-03-01', '2025-03-31'])
  expect(listSearch(state)).toBe('?from=2025-03-01&to=2025-03-31')
  const bad = parseListState('?from=2025-02-30&to=31/03/2025')
  expect([bad.from, bad.to]).toEqual(['', ''])
})

test('a range that ends before it begins stays in the URL but is not asked of the server', () => {
  const state = parseListState('?from=2025-03-31&to=2025-03-01')
  expect(listSearch(state)).toBe('?from=2025-03-31&to=2025-03-01')
  expect(apiView(state)).toMatchObject({ from: '', to: '' })
  expect(apiView(parseListState('?from=2025-03-01&to=2025-03-01'))).toMatchObject({
    from: '2025-03-01',
    to: '2025-03-01',
  })
})
