// Every plan of a page (walking a sort index, gathering the matches and sorting them; for a
// search, checking conversations as the list goes or gathering them through the index)
// gives the page SQLite gives, on random rows full of ties, missing values, accents and
// mixed case; and so do the count, the export and activity.
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Conversation, CustomerUser, ListFilters, Sort } from '../../../src/lib/contract.ts'
import { SORT_COLUMNS } from '../../../src/lib/contract.ts'
import { freshPostgresUrl } from '../../testing/postgres-test-db.ts'
import { openStore } from '../open-store.ts'
import { NO_FILTERS, storeMessages } from '../store-suite-fixtures.ts'
import type { Store } from '../store.ts'
import type { Database } from './database.ts'
import { listConversations } from './list-queries.ts'
import { openDatabase } from './postgres-store.ts'

let seed = 11
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
const maybe = <T>(value: T, chance = 0.1): T | null => (random() < chance ? null : value)

const WORDS = ['Refund', 'refund', 'Crème', 'creme', 'Login', 'ÉTÉ', 'été', 'order', 'ab', 'x']
const NAMES = ['Ann Lee', 'anna', 'Émile', 'emile', 'Bob', '  ', 'Zoë', 'joanne']
// "ann" and "anna" are also ids: of a customer whose name matches too, of one whose name
// does not, of none; each conversation of theirs is counted once.
const customers: CustomerUser[] = [
  ...Array.from({ length: 60 }, (_, i) => ({
    id: i % 2 ? `Cus_${i}` : `cus_${i}`,
    name: maybe(pick(NAMES), 0.2),
    email: maybe(`${pick(['ann', 'bo', 'ém'])}${i}@Example.com`, 0.3),
  })),
  { id: 'Anna', name: 'anna', email: null },
  { id: 'ann', name: 'Zed', email: null },
]
const isoDate = () =>
  `2024-0${1 + Math.floor(random() * 3)}-1${Math.floor(random() * 9)}T0${Math.floor(random() * 9)}:00:00${pick(['Z', '+02:00', '-05:00'])}`
const date = () => (random() < 0.85 ? isoDate() : pick(['garbage', '', null, undefined]))
const conversations: Conversation[] = Array.from({ length: 1200 }, (_, i) => ({
  id: `k${String(Math.floor(random() * 1e6)).padStart(6, '0')}_${i}`,
  title: maybe(`${pick(WORDS)} ${pick(WORDS)}`, 0.1),
  customer_user_id:
    i % 50 === 7
      ? pick(['Anna', 'ANNA', 'ann', 'Ann'])
      : maybe(`${pick(['cus', 'Cus'])}_${Math.floor(random() * 70)}`),
  message_count: maybe(Math.floor(random() * 6)),
  created_at: date(),
  updated_at: date(),
}))
// One conversation in three has messages; "zeppelin" is in a few only.
const threads = Object.fromEntries(
  conversations
    .filter((_, i) => i % 3 === 0)
    .map((row, i) => [
      row.id,
      [`${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`, i % 97 === 0 ? 'the Zeppelin' : pick(WORDS)],
    ]),
)

const FILTERS: Partial<ListFilters>[] = [
  {},
  { customer: 'ann' },
  { customer: 'anna', q: 'r' },
  { q: 'refund' },
  { customer: 'cus_1', q: 'e' },
  { createdFromMs: Date.UTC(2024, 1, 1), createdBeforeMs: Date.UTC(2024, 2, 1) },
  { text: 'refund' },
  { text: 'creme ord' },
  { text: 'zeppel' },
  { text: 'ete', customer: 'ann', q: 'o' },
]
const SORTS: Sort[] = SORT_COLUMNS.flatMap((column) => [
  { column, desc: false },
  { column, desc: true },
])

let sqlite: Store
let postgres: Store
let db: Database

// Each store's version after the first half of the conversations was written.
const halfway = new Map<Store, number>()

async function fill(store: Store) {
  await store.upsertCustomers(customers)
  for (let i = 0; i < conversations.length; i += 200) {
    if (i === conversations.length / 2) halfway.set(store, await store.version())
    await store.upsertConversations(conversations.slice(i, i + 200))
  }
  await storeMessages(store, threads)
}

beforeAll(async () => {
  const url = await freshPostgresUrl()
  ;[sqlite, postgres] = await Promise.all([openStore('file::memory:'), openStore(url)])
  await Promise.all([fill(sqlite), fill(postgres)])
  db = await openDatabase(url)
})

afterAll(async () => {
  await Promise.all([sqlite.close(), postgres.close(), db.close()])
})

const shown = ({ rows, total }: Awaited<ReturnType<Store['listConversations']>>) => ({
  ids: rows.map((row) => row.id),
  snippets: rows.map((row) => row.snippet?.text),
  total,
})

test('every plan gives the page SQLite gives, for every sort and filter', async () => {
  for (const filters of FILTERS) {
    for (const sort of SORTS) {
      for (const page of [1, 4]) {
        const query = { ...NO_FILTERS, ...filters, sort, page, limit: 25 }
        const expected = shown(await sqlite.listConversations(query))
        for (const plan of [undefined, 'walk', 'gather'] as const) {
          const got = shown(await listConversations(db, query, plan))
          expect({ filters, sort, page, plan, ...got }).toEqual({
            filters,
            sort,
            page,
            plan,
            ...expected,
          })
        }
      }
    }
  }
})

test('counts, counts changes, exports and counts activity as SQLite does', async () => {
  const bounds = Array.from({ length: 8 }, (_, i) => Date.UTC(2024, 0, 1) + i * 14 * 86_400_000)
  for (const filters of FILTERS) {
    const all = { ...NO_FILTERS, ...filters }
    expect({ filters, n: await postgres.countConversations(all) }).toEqual({
      filters,
      n: await sqlite.countConversations(all),
    })
    const changed = (store: Store) => store.countChangedSince(all, halfway.get(store) ?? 0)
    expect({ filters, changed: await changed(postgres) }).toEqual({
      filters,
      changed: await changed(sqlite),
    })
    expect({ filters, a: await postgres.activity(all, bounds) }).toEqual({
      filters,
      a: await sqlite.activity(all, bounds),
    })
    const sort = { column: 'customer', desc: true } as const
    const exported = async (store: Store) => {
      const ids: string[] = []
      for await (const batch of store.exportConversations({ ...all, sort }))
        ids.push(...batch.map((row) => row.id))
      return ids
    }
    expect({ filters, ids: await exported(postgres) }).toEqual({
      filters,
      ids: await exported(sqlite),
    })
  }
})
