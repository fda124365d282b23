// The SQLite mirror of bench:messages: 1,000,000 conversations (times --scale) with about
// 20 messages each (bench-messages-rows.ts), written through the store's own message writes,
// many conversations a transaction, as a bulk load. Filling takes minutes, so the file is
// kept in the temporary folder under a version key: a re-run reuses it, `fresh` fills it
// again. bench:postgres measures the same file beside PostgreSQL.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, numberOf } from '../server/store/sqlite/database.ts'
import { openConnection } from '../server/store/sqlite/sqlite-file.ts'
import { indexDeferredTitles } from '../server/store/sqlite/title-index.ts'
import { upsertConversations } from '../server/store/sqlite/write-conversations.ts'
import { writeMessages } from '../server/store/sqlite/write-messages.ts'
import { createMessageRows } from './bench-messages-rows.ts'

// Change when the generated data or the way it is written changes: the cached file goes.
// (A newer schema alone does not: opening the cached file migrates it.)
const DATA_VERSION = 1
const CALL = 2000

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`

function fill(path: string, conversations: number) {
  const db = createDatabase(openConnection(path, { cacheSizeMb: 1024 }), path)
  // A bulk load: pending index data is flushed in large segments (FTS5 default: 1 MB).
  db.run(`INSERT INTO message_text (message_text, rank) VALUES ('hashsize', ${256 * 1024 * 1024})`)
  const makeConversation = createMessageRows()
  let started = performance.now()
  let messages = 0
  let writeMs = 0
  for (let n = 0; n < conversations; n += CALL) {
    const batch = Array.from({ length: Math.min(CALL, conversations - n) }, (_, i) =>
      makeConversation(n + i),
    )
    const before = performance.now()
    upsertConversations(
      db,
      batch.map((b) => b.conversation),
    )
    db.write(() => {
      for (const { conversation, messages: list } of batch) {
        writeMessages(db, conversation.id, list, {
          message_count: conversation.message_count ?? null,
          updated_at: conversation.updated_at ?? null,
        })
      }
    })
    writeMs += performance.now() - before
    messages += batch.reduce((sum, b) => sum + b.messages.length, 0)
    if ((n / CALL) % 50 === 0) {
      const done = (n + batch.length) / conversations
      console.log(
        `  … ${(done * 100).toFixed(0)}%, ${messages.toLocaleString('en')} messages, ${seconds(started)}`,
      )
    }
  }
  console.log(
    `  filled ${conversations.toLocaleString('en')} conversations, ${messages.toLocaleString('en')} messages in ${seconds(started)} (store writes ${(writeMs / 1000).toFixed(1)} s, the rest generating them)`,
  )
  // As the sync does once its first pass is in: a first fill's titles are indexed last.
  Array.from(indexDeferredTitles(db))
  started = performance.now()
  db.run('PRAGMA wal_checkpoint(TRUNCATE)')
  console.log(`  checkpoint ${seconds(started)}`)
  const sizes = db.all(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name`)
  const bytes = (match: (name: string) => boolean) =>
    sizes
      .filter((row) => match(String(row.name)))
      .reduce((s, row) => s + (numberOf(row.bytes) ?? 0), 0)
  const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`
  const index = bytes((name) => name.startsWith('message_text'))
  const total = bytes(() => true)
  console.log(
    `  on disk ${mb(statSync(path).size)}: messages table ${mb(bytes((name) => name === 'messages'))}, full-text index ${mb(index)} (${((index / total) * 100).toFixed(0)}%), conversations and their indexes ${mb(bytes((name) => name.startsWith('conversations') || name.startsWith('sqlite_autoindex_conversations')))}`,
  )
  db.connection.close()
}

/** The filled file's path: filled now unless a file of the same version is there already. */
export function sqliteMessagesFile(options: { conversations: number; fresh?: boolean }): {
  path: string
  reused: boolean
} {
  const path = join(
    process.env.BENCH_MESSAGES_DIR ?? tmpdir(),
    `performchat-bench-messages-v${DATA_VERSION}-${options.conversations}.sqlite`,
  )
  if (options.fresh) for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true })
  if (existsSync(path)) return { path, reused: true }
  const filling = `${path}.filling`
  for (const s of ['', '-wal', '-shm']) rmSync(`${filling}${s}`, { force: true })
  fill(filling, options.conversations)
  renameSync(filling, path)
  return { path, reused: false }
}
