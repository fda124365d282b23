import { expect, test } from 'vitest'
import type { Conversation } from '../src/lib/contract.ts'
import { createMockDb, insertConversations, resetMockDb } from './data.ts'
import { messagesOf } from './messages.ts'

const now = new Date('2026-03-01T12:00:00Z')

test('the same seed gives the same data', () => {
  expect(createMockDb({ seed: 7, now })).toEqual(createMockDb({ seed: 7, now }))
  expect(createMockDb({ seed: 8, now }).conversations).not.toEqual(
    createMockDb({ seed: 7, now }).conversations,
  )
})

test('the list is newest-created first, which is not the order of updated_at', () => {
  const { conversations } = createMockDb({ now })
  const created = conversations.map((row) => row.created_at ?? '')
  expect(created).toEqual([...created].sort().reverse())
  const updated = conversations.map((row) => row.updated_at ?? '')
  expect(updated).not.toEqual([...updated].sort().reverse())
  expect(conversations[0]?.id).toBe('conv_300')
})

test('every conversation was created before it was last updated, and some within the hour', () => {
  const { conversations } = createMockDb({ now })
  const updated = (row: Conversation) => Date.parse(row.updated_at ?? '')
  for (const row of conversations) {
    expect(Date.parse(row.created_at ?? '')).toBeLessThanOrEqual(updated(row))
    expect(updated(row)).toBeLessThanOrEqual(now.getTime())
  }
  const recent = conversations.filter((row) => now.getTime() - updated(row) < 3_600_000)
  expect(recent.length).toBeGreaterThan(3)
})

test('titles hold emoji, right-to-left script and markup, with exactly one onerror', () => {
  const titles = createMockDb({ now }).conversations.map((row) => row.title ?? '')
  expect(titles.some((title) => /\p{Extended_Pictographic}/u.test(title))).toBe(true)
  expect(titles.some((title) => /[\u0590-\u06ff]/.test(title))).toBe(true)
  expect(titles).toContain('<b>bold</b> claim about a missing parcel')
  expect(titles.filter((title) => title.includes('onerror'))).toEqual([
    '<img src=x onerror=alert(1)>',
  ])
})

test('some rows have a null or missing title, customer or message count', () => {
  const rows = createMockDb({ now }).conversations
  for (const field of ['title', 'customer_user_id', 'message_count'] as const) {
    expect(rows.some((row) => row[field] === null)).toBe(true)
    expect(rows.some((row) => !(field in row))).toBe(true)
  }
})

test('messages alternate user and assistant, with one long thread and one empty', () => {
  const db = createMockDb({ now })
  const long = db.conversations.find((row) => row.message_count === 250)
  const empty = db.conversations.find((row) => row.message_count === 0)
  expect(long && messagesOf(db, long)).toHaveLength(250)
  expect(empty && messagesOf(db, empty)).toEqual([])
  const messages = long ? messagesOf(db, long) : []
  expect(messages.slice(0, 3).map((m) => m.role)).toEqual(['user', 'assistant', 'user'])
  expect(messages.some((m) => m.content?.includes('\n'))).toBe(true)
  const times = messages.map((m) => m.created_at ?? '')
  expect(times).toEqual([...times].sort())
  const again = createMockDb({ now })
  expect(messagesOf(again, again.conversations[1] ?? { id: '' })).toEqual(messages)
})

test('customers have every documented field, some without a name or email', () => {
  const { customers } = createMockDb({ now })
  expect(customers).toHaveLength(40)
  expect(Object.keys(customers[0] ?? {}).sort()).toEqual([
    'active',
    'created_at',
    'email',
    'external_id',
    'id',
    'last_seen_at',
    'metadata',
    'name',
  ])
  expect(customers.some((c) => c.name === null)).toBe(true)
  expect(customers.some((c) => c.email === null)).toBe(true)
})

test('100,000 conversations are generated in under a second', () => {
  const started = performance.now()
  const db = createMockDb({ conversations: 100_000 })
  expect(performance.now() - started).toBeLessThan(1000)
  expect(db.conversations).toHaveLength(100_000)
  expect(db.byId.get('conv_1')).toBe(db.conversations.at(-1))
})

test('inserted conversations go to the head of the list, and reset removes them', () => {
  const db = createMockDb({ conversations: 10, now })
  const added = insertConversations(db, 3)
  expect(db.conversations.slice(0, 3).map((row) => row.id)).toEqual([
    'conv_13',
    'conv_12',
    'conv_11',
  ])
  expect(added.map((row) => row.id)).toEqual(['conv_13', 'conv_12', 'conv_11'])
  expect(db.byId.get('conv_13')?.title).toBeTruthy()
  resetMockDb(db)
  expect(db.conversations).toHaveLength(10)
  expect(db.byId.has('conv_13')).toBe(false)
})
