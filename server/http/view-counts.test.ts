import { expect, test } from 'vitest'
import { createLogger } from '../logger.ts'
import { openStore } from '../store/open-store.ts'
import { conversation, storeMessages } from '../store/store-suite-fixtures.ts'
import type { StoredView } from '../store/store.ts'
import { createViewCounts } from './view-counts.ts'

const view = (id: string, query: unknown): StoredView => ({
  id,
  name: id,
  query,
  created_at: '2026-11-30T00:00:00.000Z',
  updated_at: '2026-11-30T00:00:00.000Z',
})

test('a view searching messages is recounted when the message sync reaches more conversations', async () => {
  const store = await openStore('file::memory:')
  const counted: string[] = []
  const counting = {
    version: () => store.version(),
    messageCoverage: () => store.messageCoverage(),
    countConversations: (filters: Parameters<typeof store.countConversations>[0]) => {
      counted.push(filters.text)
      return store.countConversations(filters)
    },
  }
  const counts = createViewCounts({ store: counting, logger: createLogger('error', () => {}) })
  await store.upsertConversations([conversation('a'), conversation('b'), conversation('c')])
  const views = [view('refunds', { text: 'refund' }), view('all', {})]
  await counts.refresh(views)
  expect(views.map(counts.cached)).toEqual([0, 3])

  // The mirror's version does not move when messages land; the count must all the same.
  const version = await store.version()
  await storeMessages(store, { a: ['A refund, please'], b: ['Where is my parcel?'] })
  expect(await store.version()).toBe(version)
  counted.length = 0
  await counts.refresh(views)
  expect(views.map(counts.cached)).toEqual([1, 3])
  // The view without a message search was not counted again.
  expect(counted).toEqual(['refund'])
  await store.close()
})
