// `npm run bench:postgres`: the targets of bench:store, bench:activity and bench:messages
// measured on PostgreSQL at 1,000,000 conversations, beside SQLite on the same rows in the
// same run. Starts an embedded PostgreSQL 18 (or uses TEST_DATABASE_URL's server), fills it
// once with bench:store's rows (1,000,000 conversations over 200,000 customers) and with
// bench:messages' (1,000,000 conversations, ~20,000,000 messages) through the store's own
// writes, and keeps both between runs (bench-postgres-fill.ts; `--fresh` fills them again).
// Prints every figure as it comes, then one table: case, SQLite and PostgreSQL p50/p95,
// target, result, matches (which must be equal on both).
import { openStore } from '../server/store/open-store.ts'
import { createComparison } from './bench-compare.ts'
import { sqliteMessagesFile } from './bench-messages-sqlite.ts'
import { measureActivity, measureList, measureMessages } from './bench-postgres-cases.ts'
import {
  filledDatabase,
  filledSqliteStore,
  MESSAGE_CONVERSATIONS,
  type Filled,
} from './bench-postgres-fill.ts'
import { startBenchPostgres } from './bench-postgres-server.ts'
import { databaseSize, fileSize, mb, messageParts } from './bench-postgres-sizes.ts'
import { load, thousands } from './bench-report.ts'
import { STORE_FILL } from './bench-store-rows.ts'

const log = (line: string) => console.log(line)
const fresh = process.argv.includes('--fresh')
const comparison = createComparison(log)
const notes: string[] = []
const note = (line: string) => {
  notes.push(line)
  log(`  ${line}`)
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const howFilled = (reused: boolean, filled: Filled | null) =>
  filled === null
    ? 'reused'
    : `${reused ? 'filled in an earlier run' : 'filled'} in ${seconds(filled.fillMs)}${filled.vacuumMs ? ` + VACUUM ANALYZE ${seconds(filled.vacuumMs)}` : ''} (${filled.load})`

/** Opens both, timing each open (the target: under a second). */
async function openBoth(
  mirror: string,
  sqliteUrl: string,
  postgresUrl: string,
  cacheSizeMb?: number,
) {
  let started = performance.now()
  const sqlite = await openStore(sqliteUrl, cacheSizeMb ? { cacheSizeMb } : {})
  const sqliteMs = performance.now() - started
  started = performance.now()
  const postgres = await openStore(postgresUrl)
  const postgresMs = performance.now() - started
  const once = (ms: number) => ({ p50: ms, p95: ms, found: 0 })
  const [what, found] = [`open the ${mirror} mirror (one run)`, '']
  comparison.add({
    what,
    sqlite: once(sqliteMs),
    postgres: once(postgresMs),
    targetMs: 1000,
    found,
  })
  return { sqlite, postgres }
}

log(`PostgreSQL beside SQLite at ${thousands(STORE_FILL.conversations)} conversations [${load()}]`)
const server = await startBenchPostgres(log)
try {
  note(`PostgreSQL at ${server.where}: ${await server.settings()}`)

  const customers = thousands(STORE_FILL.customers)
  log(`\nList and activity: bench:store's rows, ${customers} customers`)
  const sqliteList = await filledSqliteStore(fresh)
  const postgresList = await filledDatabase(server, 'store', { fresh, log })
  note(
    `SQLite list mirror: ${howFilled(sqliteList.reused, sqliteList.filled)}, ${mb(fileSize(sqliteList.path))}`,
  )
  note(
    `PostgreSQL list mirror: ${howFilled(postgresList.reused, postgresList.filled)}, ${mb(await databaseSize(postgresList.url))}`,
  )
  const list = await openBoth('list', sqliteList.url, postgresList.url)
  try {
    await measureList(list, comparison)
    await measureActivity(list, comparison)
  } finally {
    await list.sqlite.close()
    await list.postgres.close()
  }

  const conversations = thousands(MESSAGE_CONVERSATIONS)
  log(`\nMessage search: bench:messages' rows, ${conversations} conversations`)
  const sqliteMessages = sqliteMessagesFile({ conversations: MESSAGE_CONVERSATIONS })
  const postgresMessages = await filledDatabase(server, 'messages', { fresh, log })
  const messages = await openBoth(
    'messages',
    `file:${sqliteMessages.path}`,
    postgresMessages.url,
    512,
  )
  try {
    const searchable = async (backend: 'sqlite' | 'postgres') => {
      const coverage = await messages[backend].messageCoverage()
      return `${thousands(coverage.searched)} of ${thousands(coverage.total)} conversations searchable`
    }
    note(
      `SQLite messages mirror: bench:messages' file (${sqliteMessages.reused ? 'reused' : 'filled now'}), ${mb(fileSize(sqliteMessages.path))}, ${await searchable('sqlite')}`,
    )
    const filled = postgresMessages.filled
    note(
      `PostgreSQL messages mirror: ${howFilled(postgresMessages.reused, filled)}, ${filled ? `${thousands(filled.messages)} messages, ` : ''}${mb(await databaseSize(postgresMessages.url))} (${await messageParts(postgresMessages.url)}), ${await searchable('postgres')}`,
    )
    await measureMessages(messages, comparison)
  } finally {
    await messages.sqlite.close()
    await messages.postgres.close()
  }

  const missed = comparison.print()
  log('')
  for (const line of notes) log(line)
  log(`load at the end: ${load()}`)
  const misses = missed.map(
    (row) => `${row.what}: p95 ${row.postgres.p95.toFixed(1)} ms (target ≤ ${row.targetMs} ms)`,
  )
  log(
    misses.length === 0
      ? 'PostgreSQL: targets met'
      : `PostgreSQL: TARGETS MISSED:\n  ${misses.join('\n  ')}`,
  )
} finally {
  await server.stop()
}
