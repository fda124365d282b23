// Every plan of a message search (the few messages of rare words read at once, each
// conversation checked in the list's order, the index gathering all matches) against a
// plain reference of CONTRACT.md's rule, on random messages full of accents, mixed case,
// prefixes and words split across messages; with the other filters, sorts and pages.
import { expect, test } from 'vitest'
import type { Conversation, CustomerUser, ListFilters, Message } from '../../../src/lib/contract.ts'
import { createDatabase } from './database.ts'
import type { ListOptions } from './list-text.ts'
import {
  countChangedSince,
  countConversations,
  exportConversations,
  listConversations,
} from './list-queries.ts'
import { openConnection } from './sqlite-file.ts'
import { upsertConversations } from './write-conversations.ts'
import { upsertCustomers } from './write-customers.ts'
import { replaceMessages } from './write-messages.ts'

let seed = 11
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

const WORDS = ['Refund', 'refunds', 'refused', 'Crème', 'CREME', 'ÉTÉ', 'ete', 'order']
const MORE_WORDS = ['ORDERS', 'заказ', 'ЗАКАЗЫ', 'παραγγελία', 'x', 'ab', '<b>', '42']
const customers: CustomerUser[] = Array.from({ length: 20 }, (_, i) => ({
  id: `cus_${i}`,
  name: pick(['Ann Lee', 'Bob', 'Émile', null]),
}))
const conversations: Conversation[] = Array.from({ length: 400 }, (_, i) => ({
  id: `t${String(Math.floor(random() * 1e5)).padStart(5, '0')}_${i}`,
  title: random() < 0.1 ? null : `${pick(WORDS)} ${pick(['order', 'Crème', 'login'])}`,
  customer_user_id: `cus_${Math.floor(random() * 22)}`,
  message_count: random() < 0.1 ? null : Math.floor(random() * 6),
  created_at: null,
  updated_at:
    random() < 0.1 ? null : new Date(Date.UTC(2024, 0, 1) + random() * 1e10).toISOString(),
}))
const threads = new Map<string, string[]>(
  conversations.map((c) => [
    c.id,
    Array.from({ length: Math.floor(random() * 5) }, () =>
      Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
        pick([...WORDS, ...MORE_WORDS]),
      ).join(pick([' ', ', ', '! '])),
    ),
  ]),
)

const db = createDatabase(openConnection(':memory:'), ':memory:')
upsertCustomers(db, customers)
upsertConversations(db, conversations)
for (const c of conversations) {
  const messages: Message[] = (threads.get(c.id) ?? []).map((content, n) => ({
    id: `${c.id}_${n}`,
    content,
    role: 'user',
    conversation_id: c.id,
    created_at: new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString(),
  }))
  replaceMessages(db, c.id, messages, { message_count: null, updated_at: null })
}

// The rule, written plainly: fold, split on anything but letters and digits, and keep a
// conversation when one message holds every typed word, the last also as a prefix.
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
const split = (text: string) =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
function matches(id: string, text: string): boolean {
  const typed = split(text)
  const last = typed.pop()
  if (last === undefined) return true
  return (threads.get(id) ?? []).some((content) => {
    const words = split(content)
    return typed.every((word) => words.includes(word)) && words.some((w) => w.startsWith(last))
  })
}

const TEXTS = ['refund', 'REFU', 'refunds', 'creme ete', 'été cr', 'order refu', 'заказ']
const MORE_TEXTS = ['παραγγελια', 'zzz', 'r', 'x ab o']
const FILTERS = [
  {},
  { customer: 'CUS_1' },
  { q: 'Cr' },
  { q: 'refund' },
  { customer: 'ann', q: 're' },
]
const SORTS = [
  { column: 'updated_at', desc: true },
  { column: 'title', desc: false },
  { column: 'message_count', desc: true },
] as const
const PLANS: ListOptions[] = [
  {},
  { text: 'check' },
  { text: 'index', plan: 'walk' },
  { text: 'index', plan: 'sort' },
]

test('every plan of a search gives the reference page and count', () => {
  for (const text of [...TEXTS, ...MORE_TEXTS]) {
    for (const extra of FILTERS) {
      const filters: ListFilters = { customer: '', q: '', text, ...extra }
      for (const sort of SORTS) {
        const everything = listConversations(db, {
          ...filters,
          text: '',
          sort,
          page: 1,
          limit: 1000,
        })
        const expected = everything.rows.map((row) => row.id).filter((id) => matches(id, text))
        for (const options of PLANS) {
          for (const [page, limit] of [
            [1, 20],
            [2, 7],
          ] as const) {
            const { rows, total } = listConversations(
              db,
              { ...filters, sort, page, limit },
              options,
            )
            expect({ filters, sort, options, page, total, ids: rows.map((r) => r.id) }).toEqual({
              filters,
              sort,
              options,
              page,
              total: expected.length,
              ids: expected.slice((page - 1) * limit, page * limit),
            })
          }
        }
      }
      const expected = conversations.filter((c) => matches(c.id, text)).length
      const counted = listConversations(db, { ...filters, sort: SORTS[0], page: 1, limit: 1000 })
      expect({ filters, count: countConversations(db, filters) }).toEqual({
        filters,
        count: counted.rows.length,
      })
      expect({ filters, changed: countChangedSince(db, filters, 0) }).toEqual({
        filters,
        changed: counted.rows.length,
      })
      const exported = [...exportConversations(db, { ...filters, sort: SORTS[1] })].flat()
      expect(exported.length).toBe(counted.rows.length)
      if (!extra.customer && !extra.q) expect(counted.rows.length).toBe(expected)
    }
  }
}, 60_000)

test('every row a search finds shows a matching message, marked', () => {
  const { rows } = listConversations(db, {
    customer: '',
    q: '',
    text: 'creme e',
    sort: SORTS[0],
    page: 1,
    limit: 100,
  })
  expect(rows.length).toBeGreaterThan(5)
  for (const row of rows) {
    const marked = row.snippet?.marks.map(([start, end]) => row.snippet?.text.slice(start, end))
    expect(marked?.some((word) => fold(word ?? '') === 'creme')).toBe(true)
    expect(marked?.every((word) => /^(crème|creme|é|e)$/iu.test(word ?? ''))).toBe(true)
  }
})
