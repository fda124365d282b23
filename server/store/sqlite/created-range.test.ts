// The Created range joined with other filters into one (their sets tested in the index):
// listed once or counted, through a customer's index or the range's, it keeps exactly the
// conversations both keep.
import { expect, test } from 'vitest'
import type { Conversation } from '../../../src/lib/contract.ts'
import { withCreatedRange } from './created-range.ts'
import { createDatabase } from './database.ts'
import { compileFilters } from './filters.ts'
import { openConnection } from './sqlite-file.ts'
import { indexDeferredTitles } from './title-index.ts'
import { upsertConversations } from './write-conversations.ts'
import { upsertCustomers } from './write-customers.ts'

const DAY = 86_400_000
const START = Date.UTC(2024, 0, 1)
const conversations: Conversation[] = Array.from({ length: 600 }, (_, i) => ({
  id: `c${i}`,
  title: i % 4 === 0 ? 'Refund please' : 'Question',
  customer_user_id: `cu_${i % 3}`,
  created_at: i % 50 === 0 ? null : new Date(START + (i % 60) * DAY + i).toISOString(),
}))
const db = createDatabase(openConnection(':memory:'), ':memory:')
upsertCustomers(db, [
  { id: 'cu_0', name: 'Garcia Lopez' },
  { id: 'cu_1', name: 'Ann Garcia' },
  { id: 'cu_2', name: 'Bob' },
])
upsertConversations(db, conversations)
// The title driver below is the trigram index, which a first fill builds last.
Array.from(indexDeferredTitles(db))

const range = { from: START + 10 * DAY, before: START + 40 * DAY }
const inRange = (c: Conversation) => {
  const ms = c.created_at ? Date.parse(c.created_at) : Number.NaN
  return ms >= range.from && ms < range.before
}

test.each([
  { filters: { customer: 'garcia', q: '' }, keep: (i: number) => i % 3 !== 2 },
  { filters: { customer: 'garcia', q: 'refund' }, keep: (i: number) => i % 3 !== 2 && i % 4 === 0 },
  { filters: { customer: '', q: 'refund' }, keep: (i: number) => i % 4 === 0 },
])('joins $filters with the range, listed or counted alike', ({ filters, keep }) => {
  const expected = conversations.filter((c, i) => keep(i) && inRange(c)).map((c) => c.id)
  const others = compileFilters(db, { ...filters, text: '' })
  for (const limit of [20_000, 0]) {
    const joined = withCreatedRange(db, others, range, limit)
    expect(joined).toHaveLength(1)
    const [only] = joined
    const rows = db.all(
      `SELECT c.id FROM conversations c WHERE ${only?.test.sql ?? '0'} ORDER BY c.rowid`,
      only?.test.params,
    )
    expect({ limit, ids: rows.map((row) => row.id), size: only?.driver?.size }).toEqual({
      limit,
      ids: expected,
      size: expected.length,
    })
  }
})
