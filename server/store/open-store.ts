// DATABASE_URL → the mirror's backend. `file:PATH` is SQLite (PATH relative to the working
// directory, `file::memory:` a throwaway in-memory mirror); `postgres://…` or
// `postgresql://…` is a PostgreSQL server that several replicas share.
import { resolve } from 'node:path'
import { openPostgresStore, type PostgresOptions } from './postgres/postgres-store.ts'
import { openSqliteStore, type SqliteOptions } from './sqlite/sqlite-store.ts'
import type { Store } from './store.ts'
import { StoreError } from './store-error.ts'

export type OpenStoreOptions = Omit<SqliteOptions, 'path'> &
  PostgresOptions & {
    /** What a relative `file:PATH` is resolved against; the process's working directory by default. */
    cwd?: string
  }

const MEMORY = ':memory:'

export async function openStore(
  databaseUrl: string,
  options: OpenStoreOptions = {},
): Promise<Store> {
  const url = databaseUrl.trim()
  const { cwd = process.cwd(), poolMax, statementTimeoutMs, ...rest } = options
  if (/^postgres(ql)?:\/\//i.test(url)) {
    return openPostgresStore(url, { poolMax, statementTimeoutMs })
  }
  const path = /^file:/i.test(url) ? url.slice('file:'.length) : ''
  if (!path) {
    // The value itself is not repeated: a URL of another scheme may carry a password.
    throw new StoreError(
      'unsupported_url',
      'DATABASE_URL must be file:PATH (an SQLite file, PATH relative to the working directory, ' +
        'e.g. file:data/dashboard.sqlite; file::memory: for a throwaway mirror) or ' +
        'postgres://user:password@host/database.',
    )
  }
  return openSqliteStore({ ...rest, path: path === MEMORY ? MEMORY : resolve(cwd, path) })
}
