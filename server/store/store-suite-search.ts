// Store contract, searching messages (CONTRACT.md, Search messages): which conversations
// match, combined with every other filter, sort and paging, counted exactly, and the
// snippet each shows.
import { expect, test } from 'vitest'
import {
  conversation,
  customer,
  found,
  ids,
  message,
  NO_FILTERS,
  query,
  storeMessages,
  withThreads,
} from './store-suite-fixtures.ts'
import type { OpenFresh } from './store-suite.ts'
import type { Store } from './store.ts'

/** The snippet of the only conversation a search finds: its text and the marked pieces. */
async function snippet(store: Store, text: string) {
  const { rows } = await store.listConversations(query({ text }))
  expect(rows).toHaveLength(1)
  const shown = rows[0]?.snippet
  return {
    text: shown?.text,
    marked: shown?.marks.map(([start, end]) => shown.text.slice(start, end)),
  }
}

export function describeStoreSearch(fresh: OpenFresh): void {
  test('finds words case- and accent-insensitively in Latin, Cyrillic, Greek and Arabic', async () => {
    const store = await fresh()
    await withThreads(store, {
      latin: ['La Crème brûlée est FROIDE'],
      shout: ['CREME BRULEE, please'],
      cyrillic: ['Где мой ЗАКАЗ? Ёлка не пришла'],
      greek: ['Η παραγγελία ΜΟΥ δεν έφτασε στην ΟΔΟΣ'],
      arabic: ['مرحبا، طَلَبِي لم يصل'],
    })
    expect(await found(store, 'creme brulee')).toEqual(['latin', 'shout'])
    expect(await found(store, 'BRÛLÉE crème')).toEqual(['latin', 'shout'])
    expect(await found(store, 'froide')).toEqual(['latin'])
    expect(await found(store, 'заказ елка')).toEqual(['cyrillic'])
    expect(await found(store, 'ПРИШЛА')).toEqual(['cyrillic'])
    expect(await found(store, 'παραγγελια ΕΦΤΑΣΕ')).toEqual(['greek'])
    expect(await found(store, 'οδος')).toEqual(['greek'])
    expect(await found(store, 'طلبي')).toEqual(['arabic'])
    expect(await found(store, 'nothing')).toEqual([])
  })

  test('matches a conversation only when one of its messages holds every word', async () => {
    const store = await fresh()
    await withThreads(store, {
      split: ['I want a refund', 'the invoice is wrong'],
      together: ['Hello', 'a refund for this invoice, please'],
    })
    expect(await found(store, 'refund invoice')).toEqual(['together'])
    expect(await found(store, 'invoice refund')).toEqual(['together'])
    expect(await found(store, 'refund')).toEqual(['split', 'together'])
    expect(await store.countConversations({ ...NO_FILTERS, text: 'refund invoice' })).toBe(1)
  })

  test('takes the last word also as a prefix, the others only whole', async () => {
    const store = await fresh()
    await withThreads(store, {
      exact: ['refund requested'],
      longer: ['Refunds requested'],
      other: ['I refused'],
    })
    expect(await found(store, 'refu')).toEqual(['exact', 'longer', 'other'])
    expect(await found(store, 'refund')).toEqual(['exact', 'longer'])
    expect(await found(store, 'requested refu')).toEqual(['exact', 'longer'])
    expect(await found(store, 'refu requested')).toEqual([])
    expect(await found(store, 'refund req')).toEqual(['exact'])
    expect(await found(store, 'refuse')).toEqual(['other'])
    expect(await found(store, 'refx')).toEqual([])
    expect(await found(store, ' !? ')).toEqual(['exact', 'longer', 'other'])
  })

  test('in scripts without spaces matches a run of characters from its start (see README)', async () => {
    const store = await fresh()
    await withThreads(store, { cjk: ['我要退款，谢谢'], astral: ['𠀋𠀋𠀋𠀀 and 𠀋𠀋𠀌'] })
    expect(await found(store, '我要退款')).toEqual(['cjk'])
    expect(await found(store, '我要')).toEqual(['cjk'])
    expect(await found(store, '退款')).toEqual([])
    expect(await found(store, '𠀋𠀋𠀋')).toEqual(['astral'])
    expect(await found(store, '𠀋𠀋𠀌')).toEqual(['astral'])
    expect(await found(store, '𠀋𠀋𠀍')).toEqual([])
  })

  test('combines with the customer and title filters, every sort and paging, counted exactly', async () => {
    const store = await fresh()
    await store.upsertCustomers([customer('cu1', { name: 'Ann Lee' }), customer('cu2')])
    const rows = Array.from({ length: 30 }, (_, i) =>
      conversation(`s${String(i).padStart(2, '0')}`, {
        title: i % 7 === 0 ? null : `${i % 2 ? 'Refund' : 'Login'} ${i % 5}`,
        customer_user_id: i % 3 === 0 ? 'cu1' : 'cu2',
        message_count: i % 4,
        updated_at: new Date(Date.UTC(2024, 1, 1, i % 6, i)).toISOString(),
      }),
    )
    await store.upsertConversations(rows)
    const threads = Object.fromEntries(
      rows.map((row, i) => [row.id, i % 2 ? ['hello', `my parcel ${i}`] : ['a parcel issue']]),
    )
    await storeMessages(store, threads)
    const matching = new Set(rows.filter((_, i) => i % 2 === 0).map((row) => row.id))
    for (const sort of [
      { column: 'updated_at', desc: true },
      { column: 'title', desc: false },
      { column: 'message_count', desc: true },
      { column: 'customer', desc: false },
    ] as const) {
      for (const filters of [
        {},
        { customer: 'ann' },
        { q: 'login' },
        { customer: 'cu2', q: 'o' },
      ]) {
        const all = (await ids(store, { ...filters, sort })).filter((id) => matching.has(id))
        const text = 'PARCEL iss'
        expect(await ids(store, { ...filters, sort, text })).toEqual(all)
        const pages = await Promise.all(
          [1, 2, 3, 4, 5, 6].map((page) =>
            store.listConversations(query({ ...filters, sort, text, page, limit: 3 })),
          ),
        )
        expect(pages.flatMap((p) => p.rows.map((row) => row.id))).toEqual(all)
        expect(pages.map((p) => p.total)).toEqual(pages.map(() => all.length))
        expect(await store.countConversations({ ...NO_FILTERS, ...filters, text })).toBe(all.length)
      }
    }
  })

  test('leaves the count to countConversations when asked to', async () => {
    const store = await fresh()
    await withThreads(store, { a: ['refund'], b: ['refund too'], c: ['nothing'] })
    const page = await store.listConversations({ ...query({ text: 'refund' }), withoutTotal: true })
    expect(page.rows.map((row) => row.id).sort()).toEqual(['a', 'b'])
    expect(page.total).toBeNull()
    expect(await store.countConversations({ ...NO_FILTERS, text: 'refund' })).toBe(2)
  })

  test('exports and counts changes with the search', async () => {
    const store = await fresh()
    await withThreads(store, { a: ['refund'], b: ['nothing'], c: ['refund please'] })
    const sort = { column: 'updated_at', desc: true } as const
    const exported: string[] = []
    for await (const batch of store.exportConversations({ ...NO_FILTERS, sort, text: 'refund' }))
      exported.push(...batch.map((row) => row.id))
    expect(exported).toEqual(await ids(store, { sort, text: 'refund' }))
    expect(exported.sort()).toEqual(['a', 'c'])
    const since = await store.version()
    await store.upsertConversations([
      conversation('a', { message_count: 2 }),
      conversation('b', { message_count: 2 }),
    ])
    await storeMessages(store, { b: ['a refund now'] })
    expect(await store.countChangedSince({ ...NO_FILTERS, text: 'refund' }, since)).toBe(2)
    expect(await store.countChangedSince({ ...NO_FILTERS, text: 'nothing' }, since)).toBe(0)
    expect(await store.countChangedSince(NO_FILTERS, since)).toBe(2)
  })

  test('shows a snippet of the first matching message, as written, the words found marked', async () => {
    const store = await fresh()
    await withThreads(store, {
      a: ['No match here', 'La Crème est froide. CRÈME encore, cre\u0300me', 'creme again'],
    })
    expect(await snippet(store, 'creme')).toEqual({
      text: 'La Crème est froide. CRÈME encore, cre\u0300me',
      marked: ['Crème', 'CRÈME', 'cre\u0300me'],
    })
    expect(await snippet(store, 'froide cr')).toEqual({
      text: 'La Crème est froide. CRÈME encore, cre\u0300me',
      marked: ['Cr', 'froide', 'CR', 'cr'],
    })
  })

  test('cuts a long message around the first word found, at word boundaries', async () => {
    const store = await fresh()
    const before = 'word '.repeat(60)
    await withThreads(store, { a: [`${before}the Zeppelin landed ${'later '.repeat(60)}`] })
    const { text, marked } = await snippet(store, 'zeppelin')
    expect(marked).toEqual(['Zeppelin'])
    expect(text?.startsWith('…word ')).toBe(true)
    expect(text?.endsWith(' later…')).toBe(true)
    expect(text?.length).toBeLessThanOrEqual(170)
  })

  test('keeps markup in messages as text', async () => {
    const store = await fresh()
    const content = '<b>Refund</b> <script>alert("x")</script> &amp; <img src=x>'
    await store.upsertConversations([conversation('a')])
    await store.replaceMessages('a', [message('a', 0, content)], {
      message_count: 1,
      updated_at: conversation('a').updated_at ?? null,
    })
    expect((await store.getMessages('a'))?.map((m) => m.content)).toEqual([content])
    expect(await snippet(store, 'refund')).toEqual({ text: content, marked: ['Refund'] })
    expect(await found(store, 'script alert')).toEqual(['a'])
  })
}
