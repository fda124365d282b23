// The filled mirrors bench:postgres measures, each kept between runs under a key that
// changes with the rows' generator and the store's schema and sort keys (`fresh` fills
// them again):
// - on PostgreSQL, a database of bench:store's rows (1,000,000 conversations over 200,000
//   customers) written through the store's upserts, and a database of bench:messages' rows
//   (1,000,000 conversations, ~20,000,000 messages) written through the store's own message
//   writes, 1,000 conversations a transaction; each then vacuumed and analysed, as
//   autovacuum would leave it. How long the fill took is kept as the database's comment.
// - on SQLite, a file of bench:store's rows, for the same queries on the same rows.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { z } from 'zod'
import { openStore } from '../server/store/open-store.ts'
import { openDatabase } from '../server/store/postgres/postgres-store.ts'
import { upsertConversations } from '../server/store/postgres/write-conversations.ts'
import { writeMessages } from '../server/store/postgres/write-messages.ts'
import type { BenchPostgres } from './bench-postgres-server.ts'
import { createMessageRows } from './bench-messages-rows.ts'
import { load, thousands } from './bench-report.ts'
import { createStoreRows, fillStore } from './bench-store-rows.ts'

// Raise when what a fill writes changes in a way the files below do not show.
const FILL_VERSION = 1
export const MESSAGE_CONVERSATIONS = 1_000_000
const MESSAGE_CALL = 1000

export type Filled = { fillMs: number; vacuumMs: number; messages: number; load: string }
const FilledSchema = z.object({
  fillMs: z.number(),
  vacuumMs: z.number(),
  messages: z.number(),
  load: z.string(),
})

export type FilledMirror = { url: string; reused: boolean; filled: Filled | null }

const here = import.meta.dirname
const SOURCES = {
  store: [
    'bench-store-rows.ts',
    '../server/store/sort-keys.ts',
    '../server/store/postgres/schema.ts',
  ],
  messages: [
    'bench-messages-rows.ts',
    '../server/store/message-words.ts',
    '../server/store/postgres/message-index.ts',
    '../server/store/postgres/schema.ts',
  ],
}

function keyOf(files: readonly string[]): string {
  const hash = createHash('sha256').update(String(FILL_VERSION))
  for (const file of files) hash.update(readFileSync(join(here, file)))
  return hash.digest('hex').slice(0, 12)
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/** Writes bench:store's rows; no messages. */
async function fillStoreRows(url: string): Promise<number> {
  const store = await openStore(url)
  try {
    await fillStore(store, createStoreRows())
  } finally {
    await store.close()
  }
  return 0
}

async function vacuum(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('VACUUM (ANALYZE)')
    // The fill's write-ahead log, gigabytes, can go.
    await client.query('CHECKPOINT')
  } finally {
    await client.end()
  }
}

async function fillMessages(url: string, log: (line: string) => void): Promise<number> {
  const db = await openDatabase(url)
  const makeConversation = createMessageRows()
  const started = performance.now()
  let messages = 0
  try {
    for (let n = 0; n < MESSAGE_CONVERSATIONS; n += MESSAGE_CALL) {
      const batch = Array.from({ length: MESSAGE_CALL }, (_, i) => makeConversation(n + i))
      await db.write(async (tx) => {
        await upsertConversations(
          tx,
          batch.map((b) => b.conversation),
        )
        for (const { conversation, messages: list } of batch) {
          await writeMessages(tx, conversation.id, list, {
            message_count: conversation.message_count ?? null,
            updated_at: conversation.updated_at ?? null,
          })
        }
      })
      messages += batch.reduce((sum, b) => sum + b.messages.length, 0)
      if ((n / MESSAGE_CALL) % 50 === 49) {
        const done = thousands(n + MESSAGE_CALL)
        log(
          `  … ${done} conversations, ${thousands(messages)} messages, ${seconds(performance.now() - started)} [${load()}]`,
        )
      }
    }
  } finally {
    await db.close()
  }
  return messages
}

/** The database of `kind` on the server, filled now unless a database of the same key is there. */
export async function filledDatabase(
  server: BenchPostgres,
  kind: keyof typeof SOURCES,
  options: { fresh: boolean; log: (line: string) => void },
): Promise<FilledMirror> {
  const name = `bench_${kind}_${keyOf(SOURCES[kind])}`
  const existing = await server.admin(async (client) => {
    const { rows } = await client.query<{ datname: string; comment: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database
       WHERE datname LIKE $1`,
      [`bench\\_${kind}\\_%`],
    )
    return rows
  })
  const found = existing.find((row) => row.datname === name)
  if (found && !options.fresh) {
    const parsed = FilledSchema.safeParse(JSON.parse(found.comment ?? 'null'))
    return { url: server.url(name), reused: true, filled: parsed.success ? parsed.data : null }
  }
  const partial = `${name}_partial`
  await server.admin(async (client) => {
    // Databases of other keys are stale (gigabytes each), a partial one is unfinished.
    for (const row of existing) await client.query(`DROP DATABASE ${row.datname} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${partial}`)
  })
  options.log(`  filling ${kind} into ${name} [${load()}]`)
  const fillLoad = load()
  let started = performance.now()
  const url = server.url(partial)
  const messages =
    kind === 'store' ? await fillStoreRows(url) : await fillMessages(url, options.log)
  const fillMs = performance.now() - started
  started = performance.now()
  await vacuum(url)
  const filled = { fillMs, vacuumMs: performance.now() - started, messages, load: fillLoad }
  await server.admin(async (client) => {
    await client.query(`ALTER DATABASE ${partial} RENAME TO ${name}`)
    await client.query(`COMMENT ON DATABASE ${name} IS '${JSON.stringify(filled)}'`)
  })
  return { url: server.url(name), reused: false, filled }
}

/** An SQLite file of bench:store's rows, filled now unless one of the same key is there. */
export async function filledSqliteStore(fresh: boolean): Promise<{
  url: string
  path: string
  reused: boolean
  filled: Filled | null
}> {
  const key = keyOf([
    'bench-store-rows.ts',
    '../server/store/sort-keys.ts',
    '../server/store/sqlite/migrations.ts',
  ])
  const path = join(tmpdir(), `bench-store-rows-${key}.sqlite`)
  const about = `${path}.json`
  if (existsSync(path) && !fresh) {
    const parsed = existsSync(about)
      ? FilledSchema.safeParse(JSON.parse(readFileSync(about, 'utf8')))
      : null
    return { url: `file:${path}`, path, reused: true, filled: parsed?.success ? parsed.data : null }
  }
  for (const name of readdirSync(tmpdir()))
    if (name.startsWith('bench-store-rows-')) rmSync(join(tmpdir(), name), { force: true })
  const partial = `${path}.partial`
  const fillLoad = load()
  const started = performance.now()
  const store = await openStore(`file:${partial}`, { cacheSizeMb: 512 })
  try {
    await fillStore(store, createStoreRows())
  } finally {
    await store.close()
  }
  const filled = { fillMs: performance.now() - started, vacuumMs: 0, messages: 0, load: fillLoad }
  // Closing the last connection checkpointed the WAL: the one file holds everything.
  renameSync(partial, path)
  writeFileSync(about, JSON.stringify(filled))
  return { url: `file:${path}`, path, reused: false, filled }
}
