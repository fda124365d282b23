// Mirrors earlier releases wrote open migrated: one of schema 1 with its rows kept and
// counted, each waiting for its messages, searchable once they come; one of schema 4 with
// its titles' index trusted as complete.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { expect, test } from 'vitest'
import { openStore } from '../open-store.ts'
import { conversation, message, NO_FILTERS } from '../store-suite-fixtures.ts'
import { APPLICATION_ID, MIGRATIONS } from './migrations.ts'

test('upgrades a mirror of schema 1: rows kept, counted, all waiting for their messages', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'migrate-')), 'mirror.sqlite')
  const old = new DatabaseSync(path)
  old.exec(MIGRATIONS[0] ?? '')
  old.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = 1`)
  for (const [rowid, id, updated] of [
    [1, 'a', 1000],
    [2, 'b', 3000],
    [3, 'c', 2000],
  ] as const) {
    old
      .prepare(
        `INSERT INTO conversations (rowid, id, title, message_count, updated_at, updated_ms, seen_seq, changed_seq)
         VALUES (?, ?, ?, 1, ?, ?, 1, 1)`,
      )
      .run(rowid, id, `Conversation ${id}`, new Date(updated).toISOString(), updated)
  }
  old.exec('UPDATE mirror SET write_seq = 1')
  old.close()
  const store = await openStore(`file:${path}`)
  expect(await store.messageCoverage()).toEqual({ searched: 0, total: 3 })
  expect((await store.messageSyncCandidates(10)).map((c) => c.id)).toEqual(['b', 'c', 'a'])
  expect((await store.getConversation('a'))?.last_message).toBeNull()
  const held = await store.getConversation('c')
  await store.replaceMessages('c', [message('c', 0, 'Where is my refund?')], {
    message_count: held?.message_count ?? null,
    updated_at: held?.updated_at ?? null,
  })
  expect(await store.messageCoverage()).toEqual({ searched: 1, total: 3 })
  expect(await store.countConversations({ ...NO_FILTERS, text: 'refund' })).toBe(1)
  await store.upsertConversations([conversation('d')])
  expect(await store.messageCoverage()).toEqual({ searched: 1, total: 4 })
  await store.close()
})

test('upgrades a mirror of schema 4: its titles stay in their index, and new ones join it at once', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'migrate-')), 'mirror.sqlite')
  const old = new DatabaseSync(path)
  for (const sql of MIGRATIONS.slice(0, 4)) old.exec(sql)
  old.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = 4`)
  old.exec(
    `INSERT INTO conversations (rowid, id, title, title_key, seen_seq, changed_seq)
     VALUES (1, 'a', 'Refund a', 'refund a', 1, 1);
     INSERT INTO title_text (rowid, title_key) VALUES (1, 'refund a');
     UPDATE mirror SET write_seq = 1, conversation_count = 1`,
  )
  old.close()
  const store = await openStore(`file:${path}`)
  await store.upsertConversations([conversation('b', { title: 'Refund b' })])
  expect(await store.countConversations({ ...NO_FILTERS, q: 'refund' })).toBe(2)
  await store.close()
  const after = new DatabaseSync(path)
  const indexed = after
    .prepare(`SELECT rowid FROM title_text WHERE title_text MATCH '"refund"' ORDER BY rowid`)
    .all()
  expect(indexed.map((row) => row.rowid)).toEqual([1, 2])
  expect(after.prepare('SELECT titles_indexed_through AS n FROM mirror').get()?.n).toBeNull()
  after.close()
})
