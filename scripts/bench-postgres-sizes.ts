// How much disk each mirror bench:postgres measures takes: an SQLite file with its WAL, a
// PostgreSQL database (pg_database_size), and where a messages database's bytes are.
import { statSync } from 'node:fs'
import pg from 'pg'
import { thousands } from './bench-report.ts'

export const mb = (bytes: number) => `${thousands(Math.round(bytes / 1e6))} MB`

export const fileSize = (path: string) =>
  ['', '-wal'].reduce(
    (sum, s) => sum + (statSync(`${path}${s}`, { throwIfNoEntry: false })?.size ?? 0),
    0,
  )

async function query(url: string, sql: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows[0] ?? {}
  } finally {
    await client.end()
  }
}

export async function databaseSize(url: string): Promise<number> {
  return Number((await query(url, 'SELECT pg_database_size(current_database()) AS bytes')).bytes)
}

/** The messages table, its full-text index, the rest of it, and the conversations. */
export async function messageParts(url: string): Promise<string> {
  const row = await query(
    url,
    `SELECT pg_relation_size('mirror_messages') AS messages,
       pg_relation_size('mirror_messages_words') AS words,
       pg_total_relation_size('mirror_messages') - pg_relation_size('mirror_messages')
         - pg_relation_size('mirror_messages_words') AS other,
       pg_total_relation_size('mirror_conversations') AS conversations`,
  )
  const part = (key: string) => mb(Number(row[key] ?? 0))
  return `messages table ${part('messages')}, full-text index ${part('words')}, primary key and TOAST ${part('other')}, conversations and their indexes ${part('conversations')}`
}
