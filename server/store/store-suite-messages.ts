// Store contract, holding messages: replacing a conversation's messages, reading them back,
// its last message on the list, which conversations the message sync must read (again),
// how many are searchable, and messages leaving with their conversation.
import { expect, test } from 'vitest'
import {
  conversation,
  found,
  message,
  NO_FILTERS,
  storeMessages,
  withThreads,
} from './store-suite-fixtures.ts'
import type { OpenFresh } from './store-suite.ts'

const readFor = (id: string, fields: Parameters<typeof conversation>[1] = {}) => {
  const row = conversation(id, fields)
  return { message_count: row.message_count ?? null, updated_at: row.updated_at ?? null }
}

export function describeStoreMessages(fresh: OpenFresh): void {
  test('replaceMessages replaces them all; getMessages gives them by created_at, then id', async () => {
    const store = await fresh()
    await store.upsertConversations([conversation('a')])
    expect(await store.getMessages('a')).toBeNull()
    const at = '2024-01-01T10:00:00Z'
    const given = [
      message('a', 0, 'second', { id: 'b2', created_at: at }),
      message('a', 1, 'undated', { id: 'a0', created_at: null }),
      message('a', 2, 'first', { id: 'z9', created_at: '2024-01-01T11:00:00+02:00' }),
      message('a', 3, 'third', { id: 'c3', created_at: at }),
    ]
    await store.replaceMessages('a', given, readFor('a'))
    expect((await store.getMessages('a'))?.map((m) => [m.id, m.content])).toEqual([
      ['z9', 'first'],
      ['b2', 'second'],
      ['c3', 'third'],
      ['a0', 'undated'],
    ])
    expect((await store.getMessages('a'))?.[0]).toEqual({ ...given[2], conversation_id: 'a' })
    await store.replaceMessages('a', [message('a', 0, 'only one')], readFor('a'))
    expect((await store.getMessages('a'))?.map((m) => m.content)).toEqual(['only one'])
    expect(await found(store, 'undated')).toEqual([])
    expect(await found(store, 'only')).toEqual(['a'])
    await store.replaceMessages('a', [], readFor('a'))
    expect(await store.getMessages('a')).toEqual([])
    await store.replaceMessages('nope', [message('nope', 0, 'lost')], readFor('nope'))
    expect(await store.getMessages('nope')).toBeNull()
    expect(await found(store, 'lost')).toEqual([])
  })

  test('a row shows the first line of its last message; only a later new one raises the version', async () => {
    const store = await fresh()
    await store.upsertConversations([conversation('a'), conversation('b')])
    expect((await store.getConversation('a'))?.last_message).toBeNull()
    const first = message('a', 0, 'Hello')
    const last = message('a', 1, '\n   Where is my <b>order</b>?  \nSecond line')
    let before = await store.version()
    await store.replaceMessages('a', [last, first], readFor('a'))
    const shown = {
      role: 'assistant',
      text: 'Where is my <b>order</b>?',
      created_at: last.created_at,
    }
    expect((await store.getConversation('a'))?.last_message).toEqual(shown)
    expect(
      (
        await store.listConversations({
          ...NO_FILTERS,
          page: 1,
          limit: 1,
          sort: { column: 'title', desc: false },
        })
      ).rows[0]?.last_message,
    ).toEqual(shown)
    // The first read fills the line: the row is not "new or updated" for it.
    expect(await store.countChangedSince(NO_FILTERS, before)).toBe(0)
    before = await store.version()
    await store.replaceMessages('a', [first, last], readFor('a', { message_count: 7 }))
    const earlier = message('a', 0, 'An older one', {
      id: 'old',
      created_at: '2023-01-01T00:00:00Z',
    })
    await store.replaceMessages('a', [earlier, first, last], readFor('a'))
    expect(await store.version()).toBe(before)
    await store.replaceMessages('a', [first, last, message('a', 2, 'x'.repeat(300))], readFor('a'))
    expect(await store.version()).toBeGreaterThan(before)
    expect((await store.getConversation('a'))?.last_message?.text).toBe(`${'x'.repeat(200)}…`)
    await store.replaceMessages('b', [], readFor('b'))
    expect((await store.getConversation('b'))?.last_message).toBeNull()
  })

  test('lists conversations whose messages are missing or stale, most recently active first', async () => {
    const store = await fresh()
    const rows = {
      a: { updated_at: '2024-03-01T10:00:00Z' },
      b: { updated_at: '2024-03-01T12:00:00Z' },
      c: { updated_at: '2024-03-01T13:00:00+02:00' },
      d: { updated_at: null },
    }
    await store.upsertConversations(Object.entries(rows).map(([id, f]) => conversation(id, f)))
    const candidates = async (limit = 10) =>
      (await store.messageSyncCandidates(limit)).map((c) => c.id)
    expect(await candidates()).toEqual(['b', 'c', 'a', 'd'])
    expect(await candidates(2)).toEqual(['b', 'c'])
    expect((await store.messageSyncCandidates(1))[0]).toEqual({
      id: 'b',
      message_count: 1,
      updated_at: '2024-03-01T12:00:00Z',
    })
    await store.replaceMessages('b', [message('b', 0, 'hi')], readFor('b', rows.b))
    await store.replaceMessages('d', [], readFor('d', rows.d))
    expect(await candidates()).toEqual(['c', 'a'])
    expect(await store.messagesCurrent('b')).toBe(true)
    expect(await store.messagesCurrent('c')).toBe(false)
    expect(await store.messagesCurrent('nope')).toBe(false)
    await store.upsertConversations([conversation('b', { ...rows.b, message_count: 2 })])
    await store.upsertConversations([conversation('d', { updated_at: '2024-03-02T00:00:00Z' })])
    expect(await candidates()).toEqual(['d', 'b', 'c', 'a'])
    expect(await store.messagesCurrent('b')).toBe(false)
    expect(await store.getMessages('b')).toEqual([
      { ...message('b', 0, 'hi'), conversation_id: 'b' },
    ])
  })

  test('counts the conversations whose messages are current, of all', async () => {
    const store = await fresh()
    expect(await store.messageCoverage()).toEqual({ searched: 0, total: 0 })
    await withThreads(store, { a: ['one'], b: ['two'] })
    await store.upsertConversations([conversation('c')])
    expect(await store.messageCoverage()).toEqual({ searched: 2, total: 3 })
    await store.upsertConversations([conversation('a', { message_count: 5 })])
    expect(await store.messageCoverage()).toEqual({ searched: 1, total: 3 })
    await store.replaceMessages('a', [], readFor('a', { message_count: 5 }))
    expect(await store.messageCoverage()).toEqual({ searched: 2, total: 3 })
    const mark = await store.seenMark('conversations')
    await store.upsertConversations([conversation('c')])
    await store.deleteUnseen('conversations', mark)
    expect(await store.messageCoverage()).toEqual({ searched: 0, total: 1 })
    await store.clear()
    expect(await store.messageCoverage()).toEqual({ searched: 0, total: 0 })
  })

  test('drops the messages of the conversations deleteUnseen and clear remove', async () => {
    const store = await fresh()
    await withThreads(store, { a: ['kept words'], b: ['gone words'] })
    const mark = await store.seenMark('conversations')
    await store.upsertConversations([conversation('a')])
    expect(await store.deleteUnseen('conversations', mark)).toBe(1)
    expect(await found(store, 'words')).toEqual(['a'])
    expect(await store.countConversations({ ...NO_FILTERS, text: 'gone' })).toBe(0)
    await store.upsertConversations([conversation('b')])
    expect(await store.getMessages('b')).toBeNull()
    expect(await found(store, 'gone')).toEqual([])
    await storeMessages(store, { b: ['back again'] })
    await store.clear()
    expect(await store.getMessages('a')).toBeNull()
    await store.upsertConversations([conversation('a'), conversation('b')])
    expect(await found(store, 'words')).toEqual([])
    expect(await store.countConversations({ ...NO_FILTERS, text: 'back' })).toBe(0)
  })
}
