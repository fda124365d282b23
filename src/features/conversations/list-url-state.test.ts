import { expect, test } from 'vitest'
import { listSearch, parseListState } from './list-url-state.ts'

const defaults = {
  page: 1,
  limit: 20,
  customer: '',
  q: '',
  sort: { column: 'updated_at', desc: true },
}

test('an empty query string is the default view: last activity, newest first', () => {
  expect(parseListState('')).toEqual(defaults)
})

test('reads every parameter', () => {
  expect(parseListState('?page=3&limit=50&customer=cu_7&q=h%C3%A9llo&sort=title')).toEqual({
    page: 3,
    limit: 50,
    customer: 'cu_7',
    q: 'héllo',
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
  const state = parseListState('?page=2&limit=100&customer=a b&q=x&sort=-created_at')
  expect(listSearch(state)).toBe('?customer=a+b&q=x&sort=-created_at&limit=100&page=2')
  expect(parseListState(listSearch(state))).toEqual(state)
})

test('a view that changes only its filter keeps the same sort object', () => {
  expect(parseListState('?q=a&sort=title').sort).toBe(parseListState('?q=ab&sort=title').sort)
})
