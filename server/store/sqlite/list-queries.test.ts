// Both plans of every page (walking a sort index, or fetching the matches and sorting them)
// against a plain reference of CONTRACT.md's rules, on random rows full of ties, missing
// values, accents and mixed case.
import { expect, test } from 'vitest'
import type { Conversation, CustomerUser, ListFilters, Sort } from '../../../src/lib/contract.ts'
import { SORT_COLUMNS } from '../../../src/lib/contract.ts'
import { customerDisplayName } from '../../../src/lib/customer-name.ts'
import { foldText } from '../sort-keys.ts'
import { createDatabase } from './database.ts'
import { exportConversations, listConversations } from './list-queries.ts'
import { openConnection } from './sqlite-file.ts'
import { indexDeferredTitles, titlesIndexed } from './title-index.ts'
import { upsertConversations } from './write-conversations.ts'
import { upsertCustomers } from './write-customers.ts'

let seed = 7
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
const maybe = <T>(value: T, chance = 0.1): T | null => (random() < chance ? null : value)

const WORDS = [
  'Refund',
  'refund',
  'Crème',
  'creme',
  'Login',
  'ÉTÉ',
  'été',
  'order',
  'ab',
  'AB',
  'x',
]
const NAMES = ['Ann Lee', 'anna', 'Émile', 'emile', 'Bob', '  ', 'Zoë', 'joanne']
// 'anna' is an id as well as a name: the Customer filter "anna" matches both ways, some
// conversations (those of customer 'anna', named 'Anna Bell') both ways at once.
const customers: CustomerUser[] = Array.from({ length: 60 }, (_, i) =>
  i === 0
    ? { id: 'anna', name: 'Anna Bell' }
    : {
        id: i % 2 ? `Cus_${i}` : `cus_${i}`,
        name: maybe(pick(NAMES), 0.2),
        email: maybe(`${pick(['ann', 'bo', 'ém'])}${i}@Example.com`, 0.3),
      },
)
const isoDate = () =>
  `2024-0${1 + Math.floor(random() * 3)}-1${Math.floor(random() * 9)}T0${Math.floor(random() * 9)}:00:00${pick(['Z', '+02:00', '-05:00'])}`
const date = () => (random() < 0.85 ? isoDate() : pick(['garbage', '', null, undefined]))
const conversations: Conversation[] = Array.from({ length: 1500 }, (_, i) => ({
  id: `k${String(Math.floor(random() * 1e6)).padStart(6, '0')}_${i}`,
  title: maybe(`${pick(WORDS)} ${pick(WORDS)}`, 0.1),
  customer_user_id: maybe(
    random() < 0.1
      ? pick([`unknown_${i % 5}`, 'anna', 'ANNA'])
      : `${pick(['cus', 'Cus'])}_${Math.floor(random() * 70)}`,
  ),
  message_count: maybe(Math.floor(random() * 6)),
  created_at: date(),
  updated_at: date(),
}))

const byId = new Map(customers.map((c) => [c.id, c]))
const present = (text: string | null | undefined) => (text?.trim() ? text : null)
const ms = (text: string | null | undefined) => (text ? Date.parse(text) : Number.NaN)

function keyOf(c: Conversation, column: Sort['column']): string | number | null {
  if (column === 'title') return present(c.title) === null ? null : foldText(c.title ?? '')
  if (column === 'customer') {
    const shown = customerDisplayName(byId.get(c.customer_user_id ?? ''), c.customer_user_id)
    return shown === null ? null : foldText(shown)
  }
  const value = column === 'message_count' ? (c.message_count ?? Number.NaN) : ms(c[column])
  return Number.isNaN(value) ? null : value
}

function reference(
  { customer, q, createdFromMs, createdBeforeMs }: ListFilters,
  sort: Sort,
): string[] {
  const needle = customer.trim().toLowerCase()
  const title = foldText(q)
  const keep = (c: Conversation) => {
    const who = byId.get(c.customer_user_id ?? '')
    const customerOk =
      !needle ||
      (c.customer_user_id ?? '').toLowerCase() === needle ||
      (who?.name ?? '').toLowerCase().includes(needle) ||
      (who?.email ?? '').toLowerCase().includes(needle)
    const created = ms(c.created_at)
    const createdOk =
      (createdFromMs == null && createdBeforeMs == null) ||
      (!Number.isNaN(created) &&
        created >= (createdFromMs ?? -Infinity) &&
        created < (createdBeforeMs ?? Infinity))
    return customerOk && createdOk && (!q.trim() || foldText(c.title ?? '').includes(title))
  }
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0)
  return conversations
    .filter(keep)
    .map((c) => ({ id: c.id, key: keyOf(c, sort.column) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null)
        return a.key === b.key ? cmp(a.id, b.id) : a.key === null ? 1 : -1
      return (sort.desc ? cmp(b.key, a.key) : cmp(a.key, b.key)) || cmp(a.id, b.id)
    })
    .map((row) => row.id)
}

function filled() {
  const db = createDatabase(openConnection(':memory:'), ':memory:')
  for (let i = 0; i < customers.length; i += 25) upsertCustomers(db, customers.slice(i, i + 25))
  for (let i = 0; i < conversations.length; i += 100)
    upsertConversations(db, conversations.slice(i, i + 100))
  return db
}

// As a first fill leaves it (every title tested), and with the title index built.
const deferred = filled()
const db = filled()
Array.from(indexDeferredTitles(db))
const STATES = [
  { titles: 'left for later', db: deferred, indexed: false },
  { titles: 'indexed', db, indexed: true },
]

const FILTERS: ListFilters[] = [
  { customer: '', q: '', text: '' },
  { customer: '', q: 'refund', text: '' },
  { customer: '', q: 'Cr', text: '' },
  { customer: '', q: 'ÉTÉ ', text: '' },
  { customer: 'CUS_1', q: '', text: '' },
  { customer: 'unknown_3', q: '', text: '' },
  { customer: 'ann', q: '', text: '' },
  { customer: 'Anna', q: '', text: '' },
  { customer: 'anna', q: 'refund', text: '' },
  { customer: 'ém', q: 're', text: '' },
  { customer: 'example.com', q: 'order ab', text: '' },
  // The created range, alone and with the others (the dates span January to March 2024).
  {
    customer: '',
    q: '',
    text: '',
    createdFromMs: Date.UTC(2024, 1, 1),
    createdBeforeMs: Date.UTC(2024, 2, 1),
  },
  { customer: '', q: '', text: '', createdFromMs: Date.UTC(2024, 1, 14, 3) },
  { customer: '', q: '', text: '', createdBeforeMs: Date.UTC(2024, 0, 12, 5) },
  { customer: 'ann', q: '', text: '', createdBeforeMs: Date.UTC(2024, 1, 1) },
  {
    customer: '',
    q: 'refund',
    text: '',
    createdFromMs: Date.UTC(2024, 0, 15),
    createdBeforeMs: Date.UTC(2024, 2, 1),
  },
]
const SORTS = SORT_COLUMNS.flatMap((column) => [false, true].map((desc) => ({ column, desc })))

test.each(STATES)(
  'every page, by either plan, is the reference order with the reference count, titles $titles',
  ({ db, indexed }) => {
    expect(titlesIndexed(db)).toBe(indexed)
    for (const filters of FILTERS) {
      for (const sort of SORTS) {
        const expected = reference(filters, sort)
        for (const force of [undefined, 'walk', 'sort'] as const) {
          for (const [page, limit] of [
            [1, 20],
            [3, 7],
            [Math.ceil(expected.length / 50) || 1, 50],
          ] as const) {
            const { rows, total } = listConversations(
              db,
              { ...filters, sort, page, limit },
              { plan: force },
            )
            const want = expected.slice((page - 1) * limit, page * limit)
            expect({ filters, sort, force, page, total, ids: rows.map((r) => r.id) }).toEqual({
              filters,
              sort,
              force,
              page,
              total: expected.length,
              ids: want,
            })
            // Uncounted, the page alone is the same page.
            const alone = listConversations(
              db,
              { ...filters, sort, page, limit, withoutTotal: true },
              { plan: force },
            )
            expect({ filters, sort, force, page, ids: alone.rows.map((r) => r.id) }).toEqual({
              filters,
              sort,
              force,
              page,
              ids: want,
            })
            expect(alone.total).toBeNull()
          }
        }
      }
    }
  },
)

test('the export holds the reference order in full', () => {
  for (const filters of FILTERS) {
    const sort = { column: 'customer', desc: true } as const
    const exported = [...exportConversations(db, { ...filters, sort })].flat().map((row) => row.id)
    expect(exported).toEqual(reference(filters, sort))
  }
})
