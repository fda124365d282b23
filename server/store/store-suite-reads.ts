// Store contract, reading: every sort both ways, the Customer and title filters, paging
// and the count, the export, one conversation, and customer suggestions.
import { expect, test } from 'vitest'
import type { Conversation } from '../../src/lib/contract.ts'
import {
  ANN_RANKED,
  conversation,
  customer,
  ids,
  query,
  SEARCH_CUSTOMERS,
  SORT_CONVERSATIONS,
  SORT_CUSTOMERS,
  SORTED,
} from './store-suite-fixtures.ts'
import type { OpenFresh } from './store-suite.ts'
import type { Store } from './store.ts'

async function sortFixture(fresh: OpenFresh): Promise<Store> {
  const store = await fresh()
  await store.upsertCustomers(SORT_CUSTOMERS)
  await store.upsertConversations(SORT_CONVERSATIONS)
  return store
}

/** Many rows with repeated and missing values, over a few customers. */
const manyConversations = (count: number): Conversation[] =>
  Array.from({ length: count }, (_, i) =>
    conversation(`m${String(i).padStart(5, '0')}`, {
      title: i % 7 === 0 ? null : `${i % 3 === 0 ? 'Refund' : 'Question'} ${i % 50}`,
      customer_user_id: `cust${i % 40}`,
      message_count: i % 11 === 0 ? null : i % 13,
      updated_at:
        i % 17 === 0 ? null : new Date(Date.UTC(2024, 0, 1) + (i % 500) * 60_000).toISOString(),
    }),
  )

export function describeStoreReads(fresh: OpenFresh): void {
  test('sorts by every column both ways: ties by id, missing values last, text folded', async () => {
    const store = await sortFixture(fresh)
    for (const { sort, expected } of SORTED) {
      expect({ sort, ids: await ids(store, { sort }) }).toEqual({ sort, ids: expected })
    }
  })

  test('keeps the same order page by page', async () => {
    const store = await sortFixture(fresh)
    for (const { sort, expected } of SORTED) {
      const pages = [1, 2, 3].map((page) => ids(store, { sort, page, limit: 3 }))
      expect((await Promise.all(pages)).flat()).toEqual(expected)
    }
  })

  test('returns rows with the upstream fields and the customer, nulls as null', async () => {
    const store = await sortFixture(fresh)
    const { rows } = await store.listConversations(query({ customer: 'cu_c' }))
    expect(rows).toEqual([
      {
        id: 'c03',
        title: 'apple',
        customer_user_id: 'cu_c',
        message_count: null,
        created_at: null,
        updated_at: '2024-03-01T08:30:00+00:00',
        customer_name: null,
        customer_email: null,
        last_message: null,
      },
    ])
    expect(await store.getConversation('c01')).toMatchObject({
      title: 'banana',
      customer_name: 'Émile',
      customer_email: 'e@example.com',
    })
    expect(await store.getConversation('nope')).toBeNull()
  })

  test('filters by customer id, name or email, case-insensitively', async () => {
    const store = await sortFixture(fresh)
    const byId = { sort: { column: 'title', desc: false } } as const
    expect(await ids(store, { ...byId, customer: ' CU_C ' })).toEqual(['c03'])
    expect(await ids(store, { ...byId, customer: 'ÉMILE' })).toEqual(['c01', 'c07'])
    expect(await ids(store, { ...byId, customer: 'mil' })).toEqual(['c01', 'c07', 'c04'])
    expect(await ids(store, { ...byId, customer: 'mi' })).toEqual(['c01', 'c07', 'c04'])
    expect(await ids(store, { ...byId, customer: 'BOB@' })).toEqual(['c02', 'c08'])
    expect(await ids(store, { ...byId, customer: 'EXAMPLE.COM' })).toEqual([
      'c02',
      'c01',
      'c07',
      'c08',
    ])
  })

  test('matches a conversation whose customer is unknown by its id only', async () => {
    const store = await sortFixture(fresh)
    expect(await ids(store, { customer: 'ZZ_UNKNOWN' })).toEqual(['c05'])
    expect(await ids(store, { customer: 'zz_unk' })).toEqual([])
    expect(await ids(store, { customer: 'nobody' })).toEqual([])
  })

  test('searches titles case- and accent-insensitively, a blank search keeping all', async () => {
    const store = await fresh()
    await store.upsertConversations([
      conversation('t1', { title: 'Crème brûlée recipe' }),
      conversation('t2', { title: 'CREME caramel' }),
      conversation('t3', { title: 'brulee' }),
      conversation('t4', { title: 'Creamy "quoted" soup' }),
      conversation('t5', { title: null }),
    ])
    const sorted = async (q: string) => (await ids(store, { q })).sort()
    expect(await sorted('creme')).toEqual(['t1', 't2'])
    expect(await sorted('BRÛL')).toEqual(['t1', 't3'])
    expect(await sorted('cr')).toEqual(['t1', 't2', 't4'])
    expect(await sorted('"quoted"')).toEqual(['t4'])
    expect(await sorted('e r')).toEqual(['t1'])
    expect(await sorted('   ')).toEqual(['t1', 't2', 't3', 't4', 't5'])
  })

  test('combines the filters and a sort', async () => {
    const store = await sortFixture(fresh)
    const sort = { column: 'updated_at', desc: false } as const
    expect(await ids(store, { sort, customer: 'mile', q: 'e' })).toEqual(['c07', 'c04'])
    expect(await ids(store, { sort, customer: 'example.com', q: 'an' })).toEqual(['c01'])
  })

  test('pages through the matches with their total, past the end nothing', async () => {
    const store = await fresh()
    await store.upsertConversations(manyConversations(25))
    const page = (page: number) =>
      store.listConversations(query({ page, limit: 10, sort: { column: 'title', desc: false } }))
    const pages = await Promise.all([1, 2, 3, 4].map(page))
    expect(pages.map((p) => [p.rows.length, p.total])).toEqual([
      [10, 25],
      [10, 25],
      [5, 25],
      [0, 25],
    ])
    expect(new Set(pages.flatMap((p) => p.rows.map((row) => row.id))).size).toBe(25)
    expect(await store.listConversations(query({ q: 'nothing like it' }))).toEqual({
      rows: [],
      total: 0,
    })
  })

  test('exports the whole matching set in the list order, in batches', async () => {
    const store = await fresh()
    for (let i = 0; i < 2500; i += 100)
      await store.upsertConversations(manyConversations(2500).slice(i, i + 100))
    for (const filters of [
      { customer: '', q: '', text: '' },
      { customer: '', q: 'refund', text: '' },
      { customer: 'CUST1', q: '', text: '' },
    ]) {
      const sort = { column: 'message_count', desc: true } as const
      const batches: string[][] = []
      for await (const batch of store.exportConversations({ sort, ...filters }))
        batches.push(batch.map((row) => row.id))
      const listed: string[] = []
      for (let page = 1; ; page++) {
        const { rows } = await store.listConversations(query({ sort, ...filters, page }))
        if (rows.length === 0) break
        listed.push(...rows.map((row) => row.id))
      }
      expect(batches.flat()).toEqual(listed)
      expect(batches.length).toBeGreaterThan(filters.customer || filters.q ? 0 : 1)
      expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(1000)
    }
  })

  test('suggests customers best first: id, name start, email start, word start, the rest', async () => {
    const store = await fresh()
    await store.upsertCustomers(SEARCH_CUSTOMERS)
    expect((await store.searchCustomers('ANN', 10)).map((c) => c.id)).toEqual(ANN_RANKED)
    expect((await store.searchCustomers(' ann ', 2)).map((c) => c.id)).toEqual(
      ANN_RANKED.slice(0, 2),
    )
    expect((await store.searchCustomers('an', 10)).map((c) => c.id)).toContain('s_anderson')
    expect(await store.searchCustomers('  ', 10)).toEqual([])
    expect(await store.searchCustomers('ann', 1)).toEqual([customer('ann', { name: 'Zed' })])
  })
}
