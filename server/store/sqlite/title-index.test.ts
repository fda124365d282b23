// A first fill's titles enter the trigram index after the fill, in steps; until then a
// title search tests every title and finds the same rows. Renames and deletions in the
// meantime leave an index that holds every current title, and no earlier one.
import { expect, test } from 'vitest'
import { conversation, NO_FILTERS } from '../store-suite-fixtures.ts'
import { createDatabase, type Database } from './database.ts'
import { countConversations, listConversations } from './list-queries.ts'
import { openConnection } from './sqlite-file.ts'
import { indexDeferredTitles, titlesIndexed } from './title-index.ts'
import { deleteUnseenConversations, upsertConversations } from './write-conversations.ts'
import { currentSeq } from './write-sequence.ts'

const open = () => createDatabase(openConnection(':memory:'), ':memory:')
const titled = (id: string, title: string | null) => conversation(id, { title })

/** What the page shows for a title search: the ids, by id, and the count. */
function search(db: Database, q: string) {
  const filters = { ...NO_FILTERS, q }
  const sort = { column: 'title', desc: false } as const
  const { rows } = listConversations(db, { ...filters, sort, page: 1, limit: 100 })
  return { ids: rows.map((row) => row.id).sort(), count: countConversations(db, filters) }
}

/** The ids the trigram index itself finds for a needle (a folded substring). */
const inIndex = (db: Database, needle: string) =>
  db
    .all(
      `SELECT id FROM conversations WHERE rowid IN
         (SELECT rowid FROM title_text WHERE title_text MATCH ?) ORDER BY id`,
      [`"${needle}"`],
    )
    .map((row) => row.id)

const build = (db: Database, step?: number) => {
  Array.from(indexDeferredTitles(db, step))
}

test('a first fill leaves its titles out of the index; searches find the same rows before and after it is built', () => {
  const db = open()
  upsertConversations(db, [
    titled('a', 'Refund for order 1'),
    titled('b', 'Réfund again'),
    titled('c', 'Invoice question'),
    titled('d', null),
  ])
  upsertConversations(db, [titled('e', 'REFUND please')])
  expect(titlesIndexed(db)).toBe(false)
  expect(inIndex(db, 'refund')).toEqual([])
  const before = search(db, 'refund')
  expect(before).toEqual({ ids: ['a', 'b', 'e'], count: 3 })

  build(db)
  expect(titlesIndexed(db)).toBe(true)
  expect(inIndex(db, 'refund')).toEqual(['a', 'b', 'e'])
  expect(search(db, 'refund')).toEqual(before)
})

test('renames and deletions before and during the build leave the index holding every current title and no earlier one', () => {
  const db = open()
  upsertConversations(
    db,
    ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => titled(id, `Refund ${id}`)),
  )
  const mark = currentSeq(db)
  // Before the build: b renamed, c's title gone, a and d seen again, the rest not.
  upsertConversations(db, [
    titled('a', 'Refund a'),
    titled('b', 'Login b'),
    titled('c', null),
    titled('d', 'Refund d'),
  ])
  const removed = [...deleteUnseenConversations(db, mark)].reduce((sum, n) => sum + n, 0)
  expect(removed).toBe(2) // e and f

  const steps = indexDeferredTitles(db, 2)
  steps.next() // rowids 1–2 (a, b) are in the index now; the rest wait.
  expect(titlesIndexed(db)).toBe(false)
  // Between two steps: a renamed where the index reaches, d beyond it, and a new row.
  upsertConversations(db, [
    titled('a', 'Login a'),
    titled('d', 'Refund d, again'),
    titled('g', 'Refund g'),
  ])
  expect(search(db, 'refund')).toEqual({ ids: ['d', 'g'], count: 2 })
  Array.from(steps)

  expect(titlesIndexed(db)).toBe(true)
  expect(inIndex(db, 'refund')).toEqual(['d', 'g'])
  expect(inIndex(db, 'login')).toEqual(['a', 'b'])
  expect(search(db, 'refund')).toEqual({ ids: ['d', 'g'], count: 2 })
})

test('rows written to a mirror that holds rows are indexed at once', () => {
  const db = open()
  upsertConversations(db, [titled('a', 'Refund a')])
  build(db)
  upsertConversations(db, [titled('b', 'Refund b')])
  expect(titlesIndexed(db)).toBe(true)
  expect(inIndex(db, 'refund')).toEqual(['a', 'b'])
})

test('a mirror emptied by a pass leaves the next fill’s titles for later again', () => {
  const db = open()
  upsertConversations(db, [titled('a', 'Refund a')])
  build(db)
  const mark = currentSeq(db)
  Array.from(deleteUnseenConversations(db, mark))
  expect(inIndex(db, 'refund')).toEqual([])
  upsertConversations(db, [titled('b', 'Refund b')])
  expect(titlesIndexed(db)).toBe(false)
  expect(search(db, 'refund')).toEqual({ ids: ['b'], count: 1 })
  build(db)
  expect(inIndex(db, 'refund')).toEqual(['b'])
})
