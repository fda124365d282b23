// Opening the mirror's SQLite file: private permissions (it holds customers' names and
// emails), the schema checked before anything is written, then WAL and migrations.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { checkSchema, migrate } from './migrations.ts'
import { toStoreError } from './sqlite-errors.ts'

export const MEMORY = ':memory:'

/** 64 MB of 4 kB pages. */
const WAL_CHECKPOINT_PAGES = 16_384

export type ConnectionOptions = {
  /** How long a write waits for another process's lock before failing as `busy`. */
  busyTimeoutMs?: number
  /** Page cache of this connection. */
  cacheSizeMb?: number
  /** Caps the file's size in pages (SQLITE_FULL beyond): plays a full disk in tests. */
  maxPageCount?: number
}

/** The folder (0700) and the file (0600) exist with private permissions, even if they existed. */
function prepareFile(path: string) {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  closeSync(openSync(path, 'a', 0o600))
  for (const file of [path, `${path}-wal`, `${path}-shm`])
    if (existsSync(file)) chmodSync(file, 0o600)
}

function connect(path: string, options: ConnectionOptions, readOnly: boolean) {
  const connection = new DatabaseSync(path, { readOnly, enableForeignKeyConstraints: false })
  // As pragmas, not constructor options: Node 22 (see `engines`) has no `timeout` option.
  connection.exec(`PRAGMA busy_timeout = ${options.busyTimeoutMs ?? 5000}`)
  connection.exec(`PRAGMA cache_size = ${-1024 * (options.cacheSizeMb ?? 64)}`)
  return connection
}

/** The read-write connection of the store, with its schema brought up to date. */
export function openConnection(path: string, options: ConnectionOptions = {}): DatabaseSync {
  let connection: DatabaseSync | undefined
  try {
    if (path !== MEMORY) prepareFile(path)
    connection = connect(path, options, false)
    checkSchema(connection, path)
    // synchronous=NORMAL in WAL mode: a crash of the process loses nothing committed; a
    // power cut may lose the last transactions but never corrupts the file.
    if (path !== MEMORY) connection.exec('PRAGMA journal_mode = WAL')
    connection.exec('PRAGMA synchronous = NORMAL')
    // Checkpoints copy the WAL into the file and sync it, on the thread that serves the
    // page: at SQLite's default (every 1,000 pages, 4 MB) two thirds of a first fill's
    // commit time. Every 64 MB, and the WAL cut back to that size after each.
    connection.exec(`PRAGMA wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`)
    connection.exec(`PRAGMA journal_size_limit = ${WAL_CHECKPOINT_PAGES * 4096}`)
    if (options.maxPageCount) connection.exec(`PRAGMA max_page_count = ${options.maxPageCount}`)
    migrate(connection, path)
    return connection
  } catch (error) {
    connection?.close()
    throw toStoreError(error, path)
  }
}

/** A second, read-only connection: a long export reads one snapshot while the sync writes. */
export function openReader(path: string, options: ConnectionOptions = {}): DatabaseSync {
  try {
    return connect(path, options, true)
  } catch (error) {
    throw toStoreError(error, path)
  }
}
