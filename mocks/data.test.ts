import { expect, test } from 'vitest'
import type { Conversation } from '../src/lib/contract.ts'
import { createMockDb, insertConversations, resetMockDb } from './data.ts'
import { conversationNumber, messagesOf } from './messages.ts'
import { planOf } from './plan.ts'

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

// Its speed is a benchmark's business (a timed test fails on a busy machine), not a test's.
test('100,000 conversations are generated, numbered from the tail', () => {
  const db = createMockDb({ conversations: 100_000 })
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

const demo = createMockDb({ conversations: 2000, customers: 60, now })
const time = (iso: string | null | undefined) => Date.parse(iso ?? '')

test('each conversation holds message_count messages, ordered, from created_at to exactly updated_at', () => {
  for (const row of demo.conversations) {
    const messages = messagesOf(demo, row)
    if (row.message_count != null) expect(messages, row.id).toHaveLength(row.message_count)
    const times = messages.map((m) => time(m.created_at))
    expect(times, row.id).toEqual([...times].sort((a, b) => a - b))
    expect(times[0] ?? time(row.created_at), row.id).toBe(time(row.created_at))
    expect(times.at(-1) ?? time(row.created_at), row.id).toBe(time(row.updated_at))
  }
})

test('every transcript starts with the customer, and then the two take turns', () => {
  for (const row of demo.conversations) {
    const roles = messagesOf(demo, row).map((m) => m.role)
    expect(roles, row.id).toEqual(roles.map((_, i) => (i % 2 === 0 ? 'user' : 'assistant')))
  }
})

test('the agent answers within minutes, and the customer waits longer than that only once', () => {
  for (const row of demo.conversations) {
    const messages = messagesOf(demo, row)
    const gaps = messages.slice(1).map((m, i) => ({
      role: m.role,
      ms: time(m.created_at) - time(messages[i]?.created_at),
    }))
    for (const gap of gaps.filter((g) => g.role === 'assistant'))
      expect(gap.ms, row.id).toBeLessThanOrEqual(150_000)
    const slow = gaps.filter((g) => g.role === 'user' && g.ms > 10 * 60_000)
    expect(slow.length, row.id).toBeLessThanOrEqual(1)
  }
})

test('many conversations are short, some medium and a few long', () => {
  const counts = demo.conversations.map((row) => row.message_count ?? 0)
  const share = (test: (n: number) => boolean) => counts.filter(test).length / counts.length
  expect(share((n) => n >= 2 && n <= 6)).toBeGreaterThan(0.6)
  expect(share((n) => n >= 8 && n <= 20)).toBeGreaterThan(0.15)
  expect(share((n) => n >= 30 && n <= 80)).toBeGreaterThan(0.01)
  expect(share((n) => n >= 30 && n <= 80)).toBeLessThan(0.1)
})

test('conversations of different customers can end at the same moment', () => {
  const updated = demo.conversations.map((row) => row.updated_at)
  expect(new Set(updated).size).toBeLessThan(updated.length - 20)
})

test('about 70% are in English; the Russian, Greek and Arabic ones are in their own script', () => {
  const language = (row: Conversation) =>
    planOf(demo.options, conversationNumber(row)).pack.language
  const english = demo.conversations.filter((row) => language(row) === 'en').length
  expect(english / demo.conversations.length).toBeGreaterThan(0.65)
  expect(english / demo.conversations.length).toBeLessThan(0.75)
  const scripts = { ru: /\p{Script=Cyrillic}/u, el: /\p{Script=Greek}/u, ar: /\p{Script=Arabic}/u }
  for (const [code, script] of Object.entries(scripts)) {
    const rows = demo.conversations.slice(80).filter((row) => language(row) === code)
    expect(rows.length, code).toBeGreaterThan(40)
    for (const row of rows) {
      expect(row.title ?? 'no title', row.id).toMatch(script)
      for (const message of messagesOf(demo, row))
        expect(message.content, message.id).toMatch(script)
    }
  }
})

test('a title and its transcript are in the same script and name the same numbers', () => {
  const scripts = [/\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Arabic}/u]
  for (const row of demo.conversations.slice(80)) {
    const first = messagesOf(demo, row)[0]?.content ?? ''
    if (!row.title || !first) continue
    for (const script of scripts) expect(script.test(first), row.id).toBe(script.test(row.title))
    for (const number of row.title.match(/\p{Nd}{4,}/gu) ?? [])
      expect(first, row.id).toContain(number)
  }
})

test('a refund title leads to a refund story', () => {
  const refunds = demo.conversations.filter((row) => /^Refund/.test(row.title ?? ''))
  expect(refunds.length).toBeGreaterThan(20)
  for (const row of refunds) {
    const text = messagesOf(demo, row)
      .map((m) => m.content)
      .join('\n')
    if (text) expect(text, row.id).toMatch(/refund|returned|return for/i)
  }
})

test('a conversation inserted later holds only the customer first message', () => {
  const db = createMockDb({ conversations: 10, now })
  const [added] = insertConversations(db, 1)
  const messages = added ? messagesOf(db, added) : []
  expect(messages.map((m) => m.role)).toEqual(['user'])
  expect(messages[0]?.created_at).toBe(added?.created_at)
  expect(added?.updated_at).toBe(added?.created_at)
})
