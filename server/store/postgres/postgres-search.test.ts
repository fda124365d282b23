// Messages PostgreSQL's full-text index cannot hold whole are searched all the same, with
// the same answers as SQLite's; and text PostgreSQL cannot store at all is kept readable.
import { expect, test } from 'vitest'
import { freshPostgresUrl } from '../../testing/postgres-test-db.ts'
import { openStore } from '../open-store.ts'
import {
  conversation,
  found,
  message,
  NO_FILTERS,
  query,
  withThreads,
} from '../store-suite-fixtures.ts'
import type { Store } from '../store.ts'

// A word of 3,000 letters (over a lexeme's 2,047 bytes), and a message of ~1.2 MB of
// distinct words (over a tsvector's 1 MB).
const LONG_WORD = Array.from(
  { length: 3000 },
  (_, i) => 'abcdefghijklmnopqrstuvwxyz'[(i * 7) % 26],
).join('')
const MANY_WORDS = Array.from({ length: 120_000 }, (_, i) => `blob${i}`).join(' ')

const THREADS = {
  long: ['Hello', `hello ${LONG_WORD} world`],
  many: [`start ${MANY_WORDS} end`],
  plain: ['hello there, world'],
}

const SEARCHES = [
  'hello world',
  'world hello',
  LONG_WORD.slice(0, 40),
  `hello ${LONG_WORD}`,
  `${LONG_WORD} wor`,
  `${LONG_WORD.slice(0, 2999)} hello`,
  'blob119999',
  'start blob11999',
  'blob7 end',
  'blob7 nothing',
  'end',
]

async function answers(store: Store) {
  await withThreads(store, THREADS)
  const results: Record<string, string[]> = {}
  for (const text of SEARCHES) results[text.slice(0, 60)] = await found(store, text)
  return results
}

test('finds words in messages too large for a tsvector, as SQLite does', async () => {
  const postgres = await openStore(await freshPostgresUrl())
  const sqlite = await openStore('file::memory:')
  try {
    const results = await answers(postgres)
    expect(results).toEqual(await answers(sqlite))
    expect(results).toMatchObject({
      'hello world': ['long', 'plain'],
      [LONG_WORD.slice(0, 40)]: ['long'],
      [`hello ${LONG_WORD}`.slice(0, 60)]: ['long'],
      blob119999: ['many'],
      'blob7 nothing': [],
      end: ['many'],
    })
    expect(results[`${LONG_WORD.slice(0, 2999)} hello`.slice(0, 60)]).toEqual([])
    const { rows } = await postgres.listConversations(query({ text: 'blob119999' }))
    expect(rows[0]?.snippet?.marks).toHaveLength(1)
    expect(await postgres.countConversations({ ...NO_FILTERS, text: 'hello world' })).toBe(2)
  } finally {
    await Promise.all([postgres.close(), sqlite.close()])
  }
})

test('stores a NUL character, which PostgreSQL text cannot hold, as U+FFFD', async () => {
  const store = await openStore(await freshPostgresUrl())
  await store.upsertConversations([conversation('a', { title: 'Re\0fund' })])
  await store.replaceMessages('a', [message('a', 0, 'where\0is my refund')], {
    message_count: 1,
    updated_at: conversation('a').updated_at ?? null,
  })
  expect((await store.getConversation('a'))?.title).toBe('Re\uFFFDfund')
  expect((await store.getMessages('a'))?.[0]?.content).toBe('where\uFFFDis my refund')
  expect(await found(store, 'refund')).toEqual(['a'])
  expect(await store.upsertConversations([conversation('a', { title: 'Re\0fund' })])).toBe(0)
  await store.close()
})
