import { expect, test } from 'vitest'
import type { Conversation } from '../../lib/contract.ts'
import { customer } from '../../test/snapshot-fetch.ts'
import { indexCustomers } from './customer-index.ts'
import { buildRowFilter, customerMatchSet, filterRows, searchIndex } from './filter-rows.ts'
import { rowKeys } from './row-keys.ts'

const rows: Conversation[] = [
  { id: 'c1', title: 'Crème brûlée recipe', customer_user_id: 'cu_ada' },
  { id: 'c2', title: 'CREME fraiche order', customer_user_id: 'cu_bob' },
  { id: 'c3', title: 'Shipping delay', customer_user_id: 'cu_unknown' },
  { id: 'c4', title: null, customer_user_id: null },
  { id: 'c5', title: 'refund\nrefund again', customer_user_id: null },
]
const customers = indexCustomers([
  customer('cu_ada', 'Ada Lovelace', 'ada@analytical.org'),
  customer('cu_bob', 'Bob Stone', 'BOB@Example.com'),
])
const keys = rowKeys(rows)
const index = searchIndex(keys)
const inOrder = rows.map((_, i) => i)

function kept(q: string, who = '') {
  const filter = buildRowFilter(q, who, customerMatchSet(who, customers))
  return filterRows(rows, inOrder, index, keys, filter).map((i) => rows[i]?.id)
}

test('title search ignores case and accents on both sides', () => {
  expect(kept('creme')).toEqual(['c1', 'c2'])
  expect(kept('CRÈME BRÛ')).toEqual(['c1'])
  expect(kept('fraîche')).toEqual(['c2'])
  expect(kept('nothing like it')).toEqual([])
})

test('an empty filter keeps every row, in order', () => {
  expect(kept('')).toEqual(['c1', 'c2', 'c3', 'c4', 'c5'])
})

test('customer matches an exact id, case-insensitively, even one the index lacks', () => {
  expect(kept('', 'CU_ADA')).toEqual(['c1'])
  expect(kept('', ' cu_unknown ')).toEqual(['c3'])
  expect(kept('', 'cu_ad')).toEqual([])
})

test('customer matches part of a name or an email, case-insensitively', () => {
  expect(kept('', 'lovel')).toEqual(['c1'])
  expect(kept('', 'example.COM')).toEqual(['c2'])
  expect(kept('', 'o')).toEqual(['c1', 'c2'])
})

test('both filters together keep what matches both', () => {
  expect(kept('creme', 'bob')).toEqual(['c2'])
})

test('a title matching several times is kept once, and lines never run together', () => {
  expect(kept('refund')).toEqual(['c5'])
  expect(kept('refund refund')).toEqual(['c5'])
  expect(kept('recipe\ncreme')).toEqual([])
})

test('matches come out in the sorted order given', () => {
  const filter = buildRowFilter('cr', '', customerMatchSet('', customers))
  const reversed = [4, 3, 2, 1, 0]
  expect(filterRows(rows, reversed, index, keys, filter).map((i) => rows[i]?.id)).toEqual([
    'c2',
    'c1',
  ])
})
