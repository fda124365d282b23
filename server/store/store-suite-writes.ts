// Store contract, writing: change counting and the version, the binding, state, clearing,
// removing what a complete pass did not see, and customers' names on their conversations.
import { expect, test } from 'vitest'
import { conversation, customer, ids, NO_FILTERS, query } from './store-suite-fixtures.ts'
import type { OpenFresh } from './store-suite.ts'

export function describeStoreWrites(fresh: OpenFresh): void {
  test('counts new and changed rows, and the same rows again change nothing', async () => {
    const store = await fresh()
    expect(await store.version()).toBe(0)
    const page = [conversation('a'), conversation('b'), conversation('c')]
    expect(await store.upsertConversations(page)).toBe(3)
    const first = await store.version()
    expect(first).toBeGreaterThan(0)
    expect(await store.upsertConversations(page)).toBe(0)
    expect(await store.version()).toBe(first)
    const edited = [conversation('a'), conversation('b', { message_count: 2 }), conversation('d')]
    expect(await store.upsertConversations(edited)).toBe(2)
    expect(await store.version()).toBeGreaterThan(first)
    expect(await store.counts()).toEqual({ conversations: 4, customers: 0 })
  })

  test('a batch that holds a conversation twice keeps it once, as its last copy says', async () => {
    const store = await fresh()
    await store.upsertCustomers([customer('u1', { name: 'Ann' })])
    const last = conversation('a', { title: 'Second', customer_user_id: 'u1' })
    const again = [conversation('a', { title: 'First' }), conversation('b'), last]
    expect(await store.upsertConversations(again)).toBe(3)
    expect(await store.counts()).toEqual({ conversations: 2, customers: 1 })
    const { rows, total } = await store.listConversations(
      query({ sort: { column: 'title', desc: false } }),
    )
    expect(total).toBe(2)
    expect(rows.map((row) => [row.id, row.title, row.customer_name])).toEqual([
      ['b', 'Conversation b', null],
      ['a', 'Second', 'Ann'],
    ])
    // The same batch again: the first copy changes the row back, the second changes it again.
    expect(await store.upsertConversations(again)).toBe(2)
    expect(await store.upsertConversations([last])).toBe(0)
  })

  // The upstream client makes every string well-formed (well-formed.ts); a store that
  // meets a lone surrogate anyway finds its row again rather than failing the write.
  test('ids and customer ids with lone surrogates are found again on the next write', async () => {
    const store = await fresh()
    const odd = 'c\udc00'
    await store.upsertCustomers([customer(`u${odd}`, { name: 'Odd' })])
    const first = conversation(odd, { customer_user_id: `u${odd}` })
    const rows = [first, conversation('plain')]
    expect(await store.upsertConversations(rows)).toBe(2)
    await store.upsertConversations(rows)
    await store.upsertConversations([{ ...first, title: 'Renamed' }])
    expect(await store.counts()).toEqual({ conversations: 2, customers: 1 })
    const names = (await store.listConversations(query())).rows.map((row) => row.customer_name)
    expect(names).toContain('Odd')
  })

  test('the whole list counts what the mirror holds through new rows, re-reads, removals and clear', async () => {
    const store = await fresh()
    const total = async () => {
      const whole = await store.countConversations(NO_FILTERS)
      expect((await store.listConversations(query())).total).toBe(whole)
      return whole
    }
    expect(await total()).toBe(0)
    await store.upsertConversations([conversation('a'), conversation('b'), conversation('c')])
    expect(await total()).toBe(3)
    await store.upsertConversations([conversation('a'), conversation('b', { title: 'Edited' })])
    await store.upsertConversations([conversation('c'), conversation('d')])
    expect(await total()).toBe(4)
    const mark = await store.seenMark('conversations')
    await store.upsertConversations([conversation('a'), conversation('d')])
    expect(await store.deleteUnseen('conversations', mark)).toBe(2)
    expect(await total()).toBe(2)
    await store.clear()
    expect(await total()).toBe(0)
    await store.upsertConversations([conversation('e')])
    expect(await total()).toBe(1)
  })

  test('counts customers new or changed, metadata included', async () => {
    const store = await fresh()
    const rows = [customer('x', { metadata: { plan: 'pro' } }), customer('y')]
    expect(await store.upsertCustomers(rows)).toBe(2)
    expect(await store.upsertCustomers(rows)).toBe(0)
    expect(await store.upsertCustomers([customer('x', { metadata: { plan: 'free' } })])).toBe(1)
    expect(await store.counts()).toEqual({ conversations: 0, customers: 2 })
  })

  test('reads back the binding it was given, null before', async () => {
    const store = await fresh()
    expect(await store.readBinding()).toBeNull()
    await store.writeBinding({ upstreamUrl: 'https://api.example/rest/v1', keyId: 'k1' })
    await store.writeBinding({ upstreamUrl: 'https://api.example/rest/v1', keyId: 'k2' })
    expect(await store.readBinding()).toEqual({
      upstreamUrl: 'https://api.example/rest/v1',
      keyId: 'k2',
    })
  })

  test('keeps state values as JSON, undefined for a key never set or removed', async () => {
    const store = await fresh()
    expect(await store.getState('sync')).toBeUndefined()
    await store.setState('sync', { page: 3, done: false, seen: ['a'] })
    expect(await store.getState('sync')).toEqual({ page: 3, done: false, seen: ['a'] })
    await store.setState('sync', null)
    expect(await store.getState('sync')).toBeNull()
    await store.setState('sync', undefined)
    expect(await store.getState('sync')).toBeUndefined()
  })

  test('clear empties conversations, customers and state and raises the version', async () => {
    const store = await fresh()
    await store.upsertCustomers([customer('x', { name: 'Xavier' })])
    await store.upsertConversations([conversation('a', { title: 'Refund', customer_user_id: 'x' })])
    await store.setState('sync', { page: 1 })
    const before = await store.version()
    await store.clear()
    expect(await store.counts()).toEqual({ conversations: 0, customers: 0 })
    expect(await store.listConversations(query({ q: 'refund' }))).toEqual({ rows: [], total: 0 })
    expect(await store.searchCustomers('xav', 5)).toEqual([])
    expect(await store.getState('sync')).toBeUndefined()
    expect(await store.version()).toBeGreaterThan(before)
    await store.upsertConversations([conversation('a', { title: 'Refund' })])
    expect(await ids(store, { q: 'refund' })).toEqual(['a'])
  })

  test('deleteUnseen drops the conversations not upserted since the mark, and only those', async () => {
    const store = await fresh()
    await store.upsertConversations([
      conversation('a'),
      conversation('b', { title: 'Gone soon' }),
      conversation('c'),
    ])
    const mark = await store.seenMark('conversations')
    await store.upsertConversations([conversation('a')])
    await store.upsertConversations([conversation('c', { title: 'Changed' })])
    const before = await store.version()
    expect(await store.deleteUnseen('conversations', mark)).toBe(1)
    expect((await ids(store)).sort()).toEqual(['a', 'c'])
    expect(await ids(store, { q: 'gone' })).toEqual([])
    expect(await store.version()).toBeGreaterThan(before)
    const after = await store.version()
    expect(await store.deleteUnseen('conversations', await store.seenMark('conversations'))).toBe(2)
    expect(await store.version()).toBeGreaterThan(after)
  })

  test('a customer a complete pass did not see is removed and its conversations lose its name', async () => {
    const store = await fresh()
    await store.upsertCustomers([
      customer('x', { name: 'Xavier' }),
      customer('y', { name: 'Yolanda' }),
    ])
    await store.upsertConversations([
      conversation('a', { customer_user_id: 'x' }),
      conversation('b', { customer_user_id: 'y' }),
    ])
    const mark = await store.seenMark('customers')
    await store.upsertCustomers([customer('y', { name: 'Yolanda' })])
    const before = await store.version()
    expect(await store.deleteUnseen('customers', mark)).toBe(1)
    expect(await store.counts()).toEqual({ conversations: 2, customers: 1 })
    expect((await store.getConversation('a'))?.customer_name).toBeNull()
    expect(await ids(store, { customer: 'xavier' })).toEqual([])
    expect(await ids(store, { customer: 'x' })).toEqual(['a'])
    expect(await store.countChangedSince(NO_FILTERS, before)).toBe(1)
  })

  test('a conversation shows its customer whichever of the two arrives first', async () => {
    const store = await fresh()
    await store.upsertCustomers([customer('x', { name: 'Xavier', email: 'x@example.com' })])
    await store.upsertConversations([
      conversation('a', { customer_user_id: 'x' }),
      conversation('b', { customer_user_id: 'y' }),
    ])
    expect(await store.getConversation('b')).toMatchObject({
      customer_name: null,
      customer_email: null,
    })
    const before = await store.version()
    expect(await store.upsertCustomers([customer('y', { email: 'yo@example.com' })])).toBe(1)
    expect(await store.getConversation('a')).toMatchObject({
      customer_name: 'Xavier',
      customer_email: 'x@example.com',
    })
    expect(await store.getConversation('b')).toMatchObject({
      customer_name: null,
      customer_email: 'yo@example.com',
    })
    expect(await store.countChangedSince(NO_FILTERS, before)).toBe(1)
  })

  test('renaming a customer updates its rows in the list, their order, and the version', async () => {
    const store = await fresh()
    await store.upsertCustomers([customer('x', { name: 'Old Name' })])
    await store.upsertConversations([
      conversation('a', { customer_user_id: 'x' }),
      conversation('b', { customer_user_id: 'x' }),
      conversation('c', { customer_user_id: 'amy_id' }),
    ])
    const byCustomer = { sort: { column: 'customer', desc: false } } as const
    expect(await ids(store, byCustomer)).toEqual(['c', 'a', 'b'])
    const before = await store.version()
    expect(await store.upsertCustomers([customer('x', { name: 'Aaron New' })])).toBe(1)
    expect(await store.version()).toBeGreaterThan(before)
    const { rows } = await store.listConversations(query({ customer: 'aaron' }))
    expect(rows.map((row) => [row.id, row.customer_name])).toEqual([
      ['a', 'Aaron New'],
      ['b', 'Aaron New'],
    ])
    expect(await ids(store, { customer: 'old' })).toEqual([])
    expect(await store.countChangedSince(NO_FILTERS, before)).toBe(2)
    expect(await ids(store, byCustomer)).toEqual(['a', 'b', 'c'])
  })

  test('countChangedSince counts the changed and new conversations the filters keep', async () => {
    const store = await fresh()
    await store.upsertCustomers([customer('x', { name: 'Xavier' })])
    await store.upsertConversations([
      conversation('a', { title: 'Refund please', customer_user_id: 'x' }),
      conversation('b', { title: 'Login issue' }),
      conversation('c', { title: 'Refund again' }),
    ])
    const since = await store.version()
    expect(await store.countChangedSince(NO_FILTERS, since)).toBe(0)
    await store.upsertConversations([
      conversation('a', { title: 'Refund please', customer_user_id: 'x', message_count: 4 }),
      conversation('b', { title: 'Login issue', message_count: 9 }),
      conversation('c', { title: 'Refund again' }),
      conversation('d', { title: 'REFUND now' }),
    ])
    expect(await store.countChangedSince(NO_FILTERS, since)).toBe(3)
    expect(await store.countChangedSince({ ...NO_FILTERS, q: 'refund' }, since)).toBe(2)
    expect(
      await store.countChangedSince({ ...NO_FILTERS, customer: 'XAV', q: 'refund' }, since),
    ).toBe(1)
    expect(await store.countChangedSince(NO_FILTERS, await store.version())).toBe(0)
  })
}
