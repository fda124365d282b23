// Both plans of activity (counting each bucket's stretch of the created_at index, or
// reading a filter's few matches) against the list's own count of each bucket as a range,
// on rows with random times, offsets, missing and unreadable dates.
import { expect, test } from 'vitest'
import type { Conversation, ListFilters } from '../../../src/lib/contract.ts'
import { activity } from './activity.ts'
import { createDatabase } from './database.ts'
import { countConversations } from './list-queries.ts'
import { openConnection } from './sqlite-file.ts'
import { upsertConversations } from './write-conversations.ts'
import { upsertCustomers } from './write-customers.ts'
import { replaceMessages } from './write-messages.ts'

let seed = 11
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

const START = Date.UTC(2024, 2, 1)
const HOUR = 3_600_000
const createdAt = () => {
  if (random() < 0.05) return pick([null, '', 'garbage'])
  const ms = START - 2 * 24 * HOUR + Math.floor(random() * 40 * 24 * HOUR)
  const offset = pick([0, 2, -5])
  const local = new Date(ms + offset * HOUR).toISOString().slice(0, 19)
  return offset === 0 ? `${local}Z` : `${local}${offset > 0 ? '+' : '-'}0${Math.abs(offset)}:00`
}
const conversations: Conversation[] = Array.from({ length: 3000 }, (_, i) => ({
  id: `c${i}`,
  title: pick(['Refund please', 'Login problem', 'Question', null]),
  customer_user_id: i % 100 === 0 ? 'vip' : `cu_${i % 90}`,
  message_count: 1,
  created_at: createdAt(),
  updated_at: null,
}))

// Days of 24, 23 and 25 hours, as around clock changes.
const bounds = Array.from({ length: 30 }, (_, day) =>
  day === 9 ? 23 : day === 20 ? 25 : 24,
).reduce((all, hours) => [...all, (all.at(-1) ?? START) + hours * HOUR], [START])
// Exactly on bounds, the first and the last included: each counts in the bucket it starts.
for (const k of [0, 1, 10, 21, 30])
  conversations.push({
    id: `edge${k}`,
    title: 'Refund please',
    customer_user_id: 'vip',
    created_at: new Date(bounds[k] ?? START).toISOString(),
  })

const db = createDatabase(openConnection(':memory:'), ':memory:')
upsertCustomers(db, [
  { id: 'vip', name: 'Vera Important' },
  { id: 'cu_1', name: 'Vera Common' },
])
upsertConversations(db, conversations)
for (const id of ['c7', 'c500', 'c1234', 'c2999'])
  replaceMessages(db, id, [{ id: `${id}-m`, content: 'my parcel is lost', created_at: null }], {
    message_count: 1,
    updated_at: null,
  })

const FILTERS: ListFilters[] = [
  { customer: '', q: '', text: '' },
  { customer: 'vip', q: '', text: '' },
  { customer: 'vera', q: '', text: '' },
  { customer: 'VERA IMP', q: 'refund', text: '' },
  { customer: '', q: 'refund', text: '' },
  { customer: '', q: 're', text: '' },
  { customer: '', q: '', text: 'parcel' },
  { customer: 'cu_1', q: '', text: '', createdFromMs: START + 5 * 24 * HOUR },
  { customer: '', q: 'login', text: '', createdBeforeMs: START + 12 * 24 * HOUR + 7 },
]

test('both plans count each bucket as the list counts that bucket as a range', () => {
  for (const filters of FILTERS) {
    const expected = bounds.slice(1).map((before, i) => {
      const from = Math.max(bounds[i] ?? START, filters.createdFromMs ?? -Infinity)
      const end = Math.min(before, filters.createdBeforeMs ?? Infinity)
      if (from >= end) return 0
      return countConversations(db, { ...filters, createdFromMs: from, createdBeforeMs: end })
    })
    expect({ filters, sum: expected.reduce((sum, n) => sum + n, 0) > 0 }).toEqual({
      filters,
      sum: true,
    })
    for (const plan of [undefined, 'range', 'matches'] as const)
      expect({ filters, plan, counts: activity(db, filters, bounds, { plan }) }).toEqual({
        filters,
        plan,
        counts: expected,
      })
  }
})

test('gives no buckets for fewer than two bounds, and refuses bounds out of order', () => {
  const none = { customer: '', q: '', text: '' }
  expect(activity(db, none, [])).toEqual([])
  expect(activity(db, none, [START])).toEqual([])
  expect(() => activity(db, none, [START, START - 1])).toThrow(RangeError)
  expect(() => activity(db, none, [START, Number.NaN])).toThrow(RangeError)
})
