// An export holds a connection of its own in one snapshot: the sync goes on writing
// meanwhile, and an export stopped half-way gives its connection back.
import { expect, test } from 'vitest'
import { freshPostgresUrl } from '../../testing/postgres-test-db.ts'
import { openStore } from '../open-store.ts'
import { conversation, NO_FILTERS } from '../store-suite-fixtures.ts'

const page = (from: number, title: string) =>
  Array.from({ length: 100 }, (_, i) =>
    conversation(`r${from + i}`, { title, message_count: from + i }),
  )
const ascending = { ...NO_FILTERS, sort: { column: 'message_count', desc: false } } as const

test('an export reads one snapshot while the sync goes on writing', async () => {
  const store = await openStore(await freshPostgresUrl())
  for (let from = 0; from < 2500; from += 100) await store.upsertConversations(page(from, 'Before'))
  const titles: string[] = []
  for await (const batch of store.exportConversations(ascending)) {
    if (titles.length === 0) {
      await store.upsertConversations(page(2000, 'After'))
      await store.upsertConversations(page(9000, 'After'))
    }
    titles.push(...batch.map((row) => row.title ?? ''))
  }
  expect(titles).toHaveLength(2500)
  expect(titles.filter((title) => title !== 'Before')).toEqual([])
  expect((await store.counts()).conversations).toBe(2600)
  await store.close()
})

test('an export stopped after its first batch gives its connection back', async () => {
  const store = await openStore(await freshPostgresUrl(), { poolMax: 1 })
  for (let from = 0; from < 2500; from += 100) await store.upsertConversations(page(from, 'Row'))
  for (let run = 0; run < 2; run++) {
    for await (const batch of store.exportConversations(ascending)) {
      expect(batch).toHaveLength(1000)
      break
    }
  }
  // With the pool's one connection still held, this would wait for ever.
  expect(await store.countConversations({ ...NO_FILTERS, q: 'row' })).toBe(2500)
  await store.close()
})
