import { expect, test } from 'vitest'
import type { Conversation } from '../../lib/contract.ts'
import type { Sort } from './list-url-state.ts'
import { createRowSorter } from './sort-rows.ts'

const row = (id: string, patch: Partial<Conversation> = {}): Conversation => ({ id, ...patch })
const ids = (
  rows: Conversation[],
  sort: Sort,
  customer = (r: Conversation) => r.customer_user_id ?? null,
) => createRowSorter(rows)(sort, customer).map((i) => rows[i]?.id)

test('last activity sorts newest first, ties by id, missing last', () => {
  const rows = [
    row('c', { updated_at: '2025-01-01T10:00:00Z' }),
    row('a', { updated_at: null }),
    row('b', { updated_at: '2025-01-01T10:00:00Z' }),
    row('d', { updated_at: '2025-03-01T00:00:00Z' }),
    row('e', { updated_at: 'not a date' }),
  ]
  expect(ids(rows, { column: 'updated_at', desc: true })).toEqual(['d', 'b', 'c', 'a', 'e'])
  expect(ids(rows, { column: 'updated_at', desc: false })).toEqual(['b', 'c', 'd', 'a', 'e'])
})

test('compares instants, not strings, across time zone offsets', () => {
  const rows = [
    row('late', { created_at: '2025-01-01T09:30:00+00:00' }),
    row('early', { created_at: '2025-01-01T10:00:00+01:00' }),
  ]
  expect(ids(rows, { column: 'created_at', desc: true })).toEqual(['late', 'early'])
})

test('message counts sort as numbers, missing last in both directions', () => {
  const rows = [
    row('a', { message_count: 9 }),
    row('b', { message_count: 10 }),
    row('c'),
    row('d', { message_count: 0 }),
  ]
  expect(ids(rows, { column: 'message_count', desc: true })).toEqual(['b', 'a', 'd', 'c'])
  expect(ids(rows, { column: 'message_count', desc: false })).toEqual(['d', 'a', 'b', 'c'])
})

test('titles sort with the collator (case and accents as people expect), blank ones last', () => {
  const rows = [
    row('1', { title: 'banana' }),
    row('2', { title: 'Éclair' }),
    row('3', { title: '   ' }),
    row('4', { title: 'apple' }),
    row('5', { title: 'Cherry' }),
    row('6', { title: 'apple' }),
  ]
  expect(ids(rows, { column: 'title', desc: false })).toEqual(['4', '6', '1', '5', '2', '3'])
  expect(ids(rows, { column: 'title', desc: true })).toEqual(['2', '5', '1', '4', '6', '3'])
})

test('customers sort by the text the column shows', () => {
  const shown: Record<string, string> = { cu_1: 'Zoe', cu_2: 'adam@example.com', cu_3: 'cu_3' }
  const rows = [
    row('a', { customer_user_id: 'cu_1' }),
    row('b', { customer_user_id: 'cu_2' }),
    row('c', { customer_user_id: null }),
    row('d', { customer_user_id: 'cu_3' }),
  ]
  const customer = (r: Conversation) =>
    r.customer_user_id ? (shown[r.customer_user_id] ?? null) : null
  expect(ids(rows, { column: 'customer', desc: false }, customer)).toEqual(['b', 'd', 'a', 'c'])
  expect(ids(rows, { column: 'customer', desc: true }, customer)).toEqual(['a', 'd', 'b', 'c'])
})

test('a sorter gives the same order as a fresh sort, whichever column and direction came first', () => {
  const titles = ['b', 'a', null, 'B', 'a', 'Ä', 'a b', 'ab', '', 'z']
  const rows = titles.map((title, i) => row(`id${(i * 7) % 10}`, { title, message_count: i % 3 }))
  const sorter = createRowSorter(rows)
  const customer = () => null
  for (const sort of [
    { column: 'title', desc: false },
    { column: 'message_count', desc: true },
    { column: 'title', desc: true },
    { column: 'title', desc: false },
  ] as const) {
    const fresh = createRowSorter(rows)(sort, customer)
    expect(sorter(sort, customer)).toEqual(fresh)
  }
  const order = sorter({ column: 'title', desc: false }, customer).map((i) => rows[i]?.id)
  // Ties (the two "a") by id, blank and missing last, in collator order otherwise.
  expect(order).toEqual(['id7', 'id8', 'id5', 'id2', 'id9', 'id0', 'id1', 'id3', 'id4', 'id6'])
  const reversed = sorter({ column: 'title', desc: true }, customer).map((i) => rows[i]?.id)
  expect(reversed).toEqual(['id3', 'id1', 'id0', 'id9', 'id2', 'id5', 'id7', 'id8', 'id4', 'id6'])
})

test('the customer order follows a new customerText, not the first one it saw', () => {
  const rows = [row('a', { customer_user_id: 'cu_1' }), row('b', { customer_user_id: 'cu_2' })]
  const sorter = createRowSorter(rows)
  const sort = { column: 'customer', desc: false } as const
  const first = (r: Conversation) => (r.customer_user_id === 'cu_1' ? 'Zed' : 'Amy')
  const renamed = (r: Conversation) => (r.customer_user_id === 'cu_1' ? 'Abe' : 'Amy')
  expect(sorter(sort, first).map((i) => rows[i]?.id)).toEqual(['b', 'a'])
  expect(sorter(sort, renamed).map((i) => rows[i]?.id)).toEqual(['a', 'b'])
})
