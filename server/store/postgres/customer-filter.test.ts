// A customer filter matching more customers by name than are listed as keys (10,000) reads
// them through a subquery; a conversation matched both by its customer's id and by name
// is still found, and counted, once.
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Conversation, CustomerUser } from '../../../src/lib/contract.ts'
import { freshPostgresUrl } from '../../testing/postgres-test-db.ts'
import { openStore } from '../open-store.ts'
import { NO_FILTERS } from '../store-suite-fixtures.ts'
import type { Store } from '../store.ts'
import type { Database } from './database.ts'
import { listConversations } from './list-queries.ts'
import { openDatabase } from './postgres-store.ts'

const customers: CustomerUser[] = [
  ...Array.from({ length: 10_001 }, (_, i) => ({ id: `m${i}`, name: `Many ${i}`, email: null })),
  { id: 'many', name: 'Many Times', email: null },
  { id: 'Many', name: 'Zed', email: null },
]
const conversation = (id: string, customer: string): Conversation => ({
  id,
  title: id,
  customer_user_id: customer,
  message_count: 1,
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
})
// By name; by id and name; by id only (a customer named otherwise, and none); no match.
const conversations = [
  conversation('a', 'm1'),
  conversation('b', 'many'),
  conversation('c', 'Many'),
  conversation('d', 'MANY'),
  conversation('e', 'nobody'),
]

let store: Store
let db: Database

beforeAll(async () => {
  const url = await freshPostgresUrl()
  store = await openStore(url)
  await store.upsertCustomers(customers)
  await store.upsertConversations(conversations)
  db = await openDatabase(url)
})

afterAll(async () => {
  await Promise.all([store.close(), db.close()])
})

test('finds and counts each conversation once when more than 10,000 customers match', async () => {
  const filters = { ...NO_FILTERS, customer: 'many' }
  const sort = { column: 'title', desc: false } as const
  for (const plan of [undefined, 'walk', 'gather'] as const) {
    const page = await listConversations(db, { ...filters, sort, page: 1, limit: 10 }, plan)
    expect({ plan, ids: page.rows.map((row) => row.id), total: page.total }).toEqual({
      plan,
      ids: ['a', 'b', 'c', 'd'],
      total: 4,
    })
  }
  expect(await store.countConversations(filters)).toBe(4)
  expect(await store.countChangedSince(filters, 0)).toBe(4)
})
