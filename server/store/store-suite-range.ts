// Store contract, the Created range and activity: created_at in [from, before) by the
// instant (not the text), exact at both ends, a conversation without a readable created_at
// in no range; the same rows in the list, its count, the export and the changes; activity
// per bucket, zeros included, for the same filters.
import { expect, test } from 'vitest'
import type { ListFilters } from '../../src/lib/contract.ts'
import { conversation, customer, ids, NO_FILTERS, storeMessages } from './store-suite-fixtures.ts'
import type { OpenFresh } from './store-suite.ts'
import type { Store } from './store.ts'

const FROM = Date.UTC(2024, 0, 10)
const BEFORE = Date.UTC(2024, 0, 20)
const RANGE = { createdFromMs: FROM, createdBeforeMs: BEFORE }
const iso = (ms: number) => new Date(ms).toISOString()

const created = (id: string, createdAt: string | null, title = `Conversation ${id}`) =>
  conversation(id, { created_at: createdAt, title, customer_user_id: 'cu_1' })

// In the range: r_from, r_last, r_offset, r_mid. Out: everything else.
const RANGE_ROWS = [
  created('r_from', iso(FROM), 'Refund at the start'),
  created('r_early', iso(FROM - 1)),
  created('r_last', iso(BEFORE - 1), 'Refund at the end'),
  created('r_before', iso(BEFORE), 'Refund too late'),
  created('r_null', null, 'Refund never dated'),
  created('r_garbage', 'not a date'),
  // Text order says in the range; the instant (2024-01-09T23:00Z) says out.
  created('r_offset_out', '2024-01-10T01:00:00+02:00'),
  // Text order says out; the instant (2024-01-19T23:30Z) says in.
  created('r_offset_in', '2024-01-20T00:30:00+01:00'),
  conversation('r_mid', { created_at: '2024-01-15T12:00:00Z', customer_user_id: 'cu_2' }),
]
const IN_RANGE = ['r_from', 'r_last', 'r_mid', 'r_offset_in']

async function rangeFixture(fresh: OpenFresh): Promise<Store> {
  const store = await fresh()
  await store.upsertCustomers([customer('cu_1', { name: 'Ann' }), customer('cu_2', { name: 'Bo' })])
  await store.upsertConversations(RANGE_ROWS)
  return store
}

const exported = async (store: Store, filters: ListFilters) => {
  const rows: string[] = []
  const sort = { column: 'created_at', desc: false } as const
  for await (const batch of store.exportConversations({ ...filters, sort }))
    rows.push(...batch.map((row) => row.id))
  return rows
}

const DAY = 86_400_000
/** Five days from FROM: five buckets, one of 23 hours as on a day clocks go forward. */
const BOUNDS = [
  FROM,
  FROM + DAY,
  FROM + 2 * DAY - 3_600_000,
  FROM + 3 * DAY,
  FROM + 4 * DAY,
  FROM + 5 * DAY,
]

export function describeStoreRange(fresh: OpenFresh): void {
  test('keeps conversations created from `from` up to, not at, `before`', async () => {
    const store = await rangeFixture(fresh)
    const sort = { column: 'created_at', desc: false } as const
    expect(await ids(store, { ...RANGE, sort })).toEqual([
      'r_from',
      'r_mid',
      'r_offset_in',
      'r_last',
    ])
    expect((await ids(store, RANGE)).sort()).toEqual(IN_RANGE)
    expect((await ids(store, { createdFromMs: FROM, sort })).slice(-2)).toEqual([
      'r_last',
      'r_before',
    ])
    expect(await ids(store, { createdBeforeMs: FROM, sort })).toEqual(['r_offset_out', 'r_early'])
    expect(await ids(store, { createdFromMs: BEFORE, createdBeforeMs: FROM })).toEqual([])
    const paged = await store.listConversations({
      ...NO_FILTERS,
      ...RANGE,
      sort,
      page: 2,
      limit: 3,
    })
    expect(paged).toMatchObject({ rows: [{ id: 'r_last' }], total: 4 })
  })

  test('counts, exports and combines the range with the other filters alike', async () => {
    const store = await rangeFixture(fresh)
    expect(await store.countConversations({ ...NO_FILTERS, ...RANGE })).toBe(4)
    expect(await exported(store, { ...NO_FILTERS, ...RANGE })).toEqual([
      'r_from',
      'r_mid',
      'r_offset_in',
      'r_last',
    ])
    const refunds = { ...NO_FILTERS, ...RANGE, q: 'refund' }
    expect(await store.countConversations(refunds)).toBe(2)
    expect(await exported(store, refunds)).toEqual(['r_from', 'r_last'])
    expect(await store.countConversations({ ...NO_FILTERS, ...RANGE, customer: 'bo' })).toBe(1)
    await storeMessages(store, { r_mid: ['Where is my parcel?'], r_before: ['My parcel is late'] })
    expect(await store.countConversations({ ...NO_FILTERS, ...RANGE, text: 'parcel' })).toBe(1)
    expect(await ids(store, { ...RANGE, text: 'parc' })).toEqual(['r_mid'])
  })

  test('counts as changed only the conversations of the range that changed', async () => {
    const store = await rangeFixture(fresh)
    const since = await store.version()
    await store.upsertConversations([
      created('r_from', iso(FROM), 'Refund at the start, edited'),
      created('r_before', iso(BEFORE), 'Refund too late, edited'),
      created('r_new', iso(FROM + DAY)),
      created('r_new_null', null),
    ])
    expect(await store.countChangedSince({ ...NO_FILTERS, ...RANGE }, since)).toBe(2)
    expect(await store.countChangedSince({ ...NO_FILTERS, createdFromMs: FROM }, since)).toBe(3)
    expect(await store.countChangedSince(NO_FILTERS, since)).toBe(4)
  })

  test('counts conversations created in each bucket, zeros included', async () => {
    const store = await fresh()
    const at = (id: string, ms: number, fields = {}) =>
      conversation(id, { created_at: iso(ms), ...fields })
    await store.upsertConversations([
      at('before_all', FROM - 1),
      at('b0_start', FROM),
      at('b0_end', FROM + DAY - 1),
      at('b1_start', FROM + DAY),
      at('b1_end', FROM + 2 * DAY - 3_600_001),
      at('b2_start', FROM + 2 * DAY - 3_600_000),
      at('b4', FROM + 4 * DAY + 5),
      at('after_all', FROM + 5 * DAY),
      conversation('no_date', { created_at: null }),
    ])
    expect(await store.activity(NO_FILTERS, BOUNDS)).toEqual([2, 2, 1, 0, 1])
    expect(await store.activity(NO_FILTERS, [FROM, FROM + DAY])).toEqual([2])
    expect(await store.activity(NO_FILTERS, [FROM - DAY, FROM - 1])).toEqual([0])
  })

  test('counts activity for the filters: customer, title, messages and their own range', async () => {
    const store = await fresh()
    await store.upsertCustomers([customer('cu_ann', { name: 'Ann' })])
    // Many conversations a day, and Ann's few: either way of counting may be chosen.
    const rows = Array.from({ length: 120 }, (_, i) =>
      conversation(`a${String(i).padStart(3, '0')}`, {
        created_at: iso(FROM + Math.floor(i / 24) * DAY + (i % 24) * 3_600_000),
        title: i % 3 === 0 ? 'Refund please' : 'Question',
        customer_user_id: i % 40 === 0 ? 'cu_ann' : `cu_${i % 7}`,
      }),
    )
    await store.upsertConversations(rows)
    await storeMessages(store, { a001: ['the parcel'], a030: ['parcel lost'], a100: ['hi'] })
    const activity = (filters: Partial<ListFilters>) =>
      store.activity({ ...NO_FILTERS, ...filters }, BOUNDS)
    // Day 1 holds 23 hours of the 24 conversations of day 2: its first hour is day 2's.
    expect(await activity({})).toEqual([24, 23, 25, 24, 24])
    expect(await activity({ customer: 'ANN' })).toEqual([1, 1, 0, 1, 0])
    expect(await activity({ customer: 'cu_ann' })).toEqual([1, 1, 0, 1, 0])
    expect(await activity({ q: 'refund' })).toEqual([8, 8, 8, 8, 8])
    expect(await activity({ q: 'refund', customer: 'ann' })).toEqual([1, 0, 0, 0, 0])
    expect(await activity({ text: 'parcel' })).toEqual([1, 1, 0, 0, 0])
    expect(await activity({ createdFromMs: FROM + DAY, createdBeforeMs: FROM + 4 * DAY })).toEqual([
      0, 23, 25, 24, 0,
    ])
    expect(await activity({ q: 'nothing like it' })).toEqual([0, 0, 0, 0, 0])
  })
}
