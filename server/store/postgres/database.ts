// The pool seen as the store needs it: statements with `?` placeholders, rows as plain
// records, write transactions that hold the mirror's write lock, a snapshot for exports,
// and every failure turned into a StoreError.
import type pg from 'pg'
import { StoreError } from '../store-error.ts'
import { toStoreError, type ErrorContext } from './postgres-errors.ts'

export type Row = Record<string, unknown>
export type Params = readonly unknown[]

/** What queries run on: the pool, a write transaction, or an export's snapshot. */
export type Db = {
  all: (sql: string, params?: Params) => Promise<Row[]>
  get: (sql: string, params?: Params) => Promise<Row | undefined>
  /** Runs a statement; how many rows it touched. */
  run: (sql: string, params?: Params) => Promise<number>
}

export type Database = Db & {
  /**
   * Runs `work` in one transaction that first takes the mirror's write lock (its one meta
   * row), so writes follow one another as on SQLite, from any replica, and cannot deadlock.
   */
  write: <T>(work: (tx: Db) => Promise<T>) => Promise<T>
  /** A connection of its own in a read-only snapshot, until `end` (an export). */
  snapshot: () => Promise<Db & { end: () => Promise<void> }>
  close: () => Promise<void>
}

/** `?` → `$1, $2, …`: conditions are built from pieces, each with its own parameters. */
const numbered = (sql: string) => {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

// PostgreSQL's text cannot hold U+0000, which JSON (and so upstream) can.
const clean = (value: unknown): unknown =>
  typeof value === 'string'
    ? value.includes('\0')
      ? value.replaceAll('\0', '\uFFFD')
      : value
    : Array.isArray(value)
      ? value.map(clean)
      : value

// The write lock, and no statement timeout: a removal after a full pass may take minutes.
const BEGIN_WRITE = `BEGIN; SET LOCAL statement_timeout = 0;
  SELECT 1 FROM mirror_meta WHERE id = 1 FOR UPDATE`

// A connection that died while idle in the pool (the server restarted, or ended it) fails
// the first statement sent on it. A read, or the start of a transaction, is then sent again
// once on another; a write is not (it may have run before the connection broke).
const LOST = /connection terminated|not queryable/i
const isLost = (error: unknown) =>
  error instanceof Error &&
  (LOST.test(error.message) || ('code' in error && error.code === '57P01'))

async function once<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!isLost(error)) throw error
    return work()
  }
}

export function createDatabase(pool: pg.Pool, context: ErrorContext): Database {
  let closed = false
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) throw new StoreError('unavailable', 'The mirror was closed.')
    try {
      return await work()
    } catch (error) {
      throw toStoreError(error, context)
    }
  }
  const on = (client: pg.Pool | pg.PoolClient): Db => {
    const query = (sql: string, params: Params = []) => {
      const send = () => client.query<Row>(numbered(sql), params.map(clean))
      // In a transaction, the statements before were lost with the connection.
      const again = client === pool && /^\s*(SELECT|WITH)\b/i.test(sql)
      return guard(() => (again ? once(send) : send()))
    }
    return {
      all: async (sql, params) => (await query(sql, params)).rows,
      get: async (sql, params) => (await query(sql, params)).rows[0],
      run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    }
  }
  /** Ends a transaction and returns its connection (dropped when it broke). */
  const finish = async (client: pg.PoolClient, sql: 'COMMIT' | 'ROLLBACK') => {
    try {
      await client.query(sql)
      client.release()
    } catch (error) {
      client.release(error instanceof Error ? error : true)
      if (sql === 'COMMIT') throw error
    }
  }
  const begin = async (sql: string) => {
    const client = await pool.connect()
    try {
      await client.query(sql)
      return client
    } catch (error) {
      client.release(true)
      throw error
    }
  }
  const transaction = (sql: string) => guard(() => once(() => begin(sql)))
  return {
    ...on(pool),
    write: async (work) => {
      const client = await transaction(BEGIN_WRITE)
      let result
      try {
        result = await work(on(client))
      } catch (error) {
        await finish(client, 'ROLLBACK')
        throw error
      }
      await guard(() => finish(client, 'COMMIT'))
      return result
    },
    snapshot: async () => {
      // An export's cursors may take long to start (a sort, a search's matches gathered).
      const client = await transaction(
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL statement_timeout = 0',
      )
      return { ...on(client), end: () => finish(client, 'ROLLBACK') }
    },
    close: async () => {
      if (closed) return
      closed = true
      await pool.end()
    },
  }
}
