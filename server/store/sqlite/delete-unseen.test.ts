// Rows not seen since a mark go in steps of rowids, each its own transaction, so requests
// and the sync run between them (at 1,000,000 conversations the search reads the table).
import { expect, test } from 'vitest'
import { conversation, customer, NO_FILTERS } from '../store-suite-fixtures.ts'
import { createDatabase, numberOf } from './database.ts'
import { openConnection } from './sqlite-file.ts'
import { countConversations, listConversations } from './list-queries.ts'
import { deleteUnseenConversations, upsertConversations } from './write-conversations.ts'
import { deleteUnseenCustomers, upsertCustomers } from './write-customers.ts'
import { currentSeq, version } from './write-sequence.ts'

const open = () => createDatabase(openConnection(':memory:'), ':memory:')
const ids = (count: number, prefix = 'c') =>
  Array.from({ length: count }, (_, i) => conversation(`${prefix}${i}`))
const byTitle = {
  ...NO_FILTERS,
  page: 1,
  limit: 100,
  sort: { column: 'title', desc: false },
} as const
const shown = (db: ReturnType<typeof open>) =>
  listConversations(db, byTitle)
    .rows.map((row) => row.id)
    .sort()

test('conversations not seen since the mark go step by step, and rows written between steps stay', () => {
  const db = open()
  upsertConversations(db, ids(7))
  const mark = currentSeq(db)
  upsertConversations(db, [conversation('c1'), conversation('c4'), conversation('c6')])
  const before = version(db)

  const steps = deleteUnseenConversations(db, mark, 2)
  const first = steps.next()
  expect(first.value).toBe(1) // c0 (c1 was seen again)
  // Between two steps: the sync writes a new conversation, and a request reads the list.
  upsertConversations(db, [conversation('c7')])
  expect(shown(db)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'])
  const rest = [...steps]

  expect(rest).toEqual([2, 1, 0]) // c2 c3 | c4 seen, c5 | c6 seen (c7 was added after the walk began)
  expect(shown(db)).toEqual(['c1', 'c4', 'c6', 'c7'])
  expect(version(db)).toBeGreaterThan(before)
  // Their titles left the title index with them.
  expect(countConversations(db, { ...NO_FILTERS, q: 'Conversation c' })).toBe(4)
  expect(countConversations(db, { ...NO_FILTERS, q: 'Conversation c5' })).toBe(0)
})

test('a step that removes nothing does not raise the version', () => {
  const db = open()
  upsertConversations(db, ids(4))
  const mark = currentSeq(db)
  upsertConversations(db, ids(4))
  const before = version(db)
  expect([...deleteUnseenConversations(db, mark, 3)]).toEqual([0, 0])
  expect(version(db)).toBe(before)
})

test('customers not seen since the mark go step by step; their conversations lose the name', () => {
  const db = open()
  upsertCustomers(db, [
    customer('cu0', { name: 'Ana' }),
    customer('cu1', { name: 'Ben' }),
    customer('cu2', { name: 'Cleo' }),
  ])
  upsertConversations(db, [
    conversation('a', { customer_user_id: 'cu0' }),
    conversation('b', { customer_user_id: 'cu2' }),
  ])
  const mark = currentSeq(db)
  upsertCustomers(db, [customer('cu1', { name: 'Ben' })])

  expect([...deleteUnseenCustomers(db, mark, 2)]).toEqual([1, 1])
  const { rows } = listConversations(db, byTitle)
  expect(rows.map((row) => [row.id, row.customer_name ?? null])).toEqual([
    ['a', null],
    ['b', null],
  ])
  const left = db.all('SELECT id FROM customers').map((row) => row.id)
  expect(left).toEqual(['cu1'])
  expect(numberOf(db.get('SELECT count(*) AS n FROM customer_text')?.n)).toBe(1)
})
