// One SQLite connection with its prepared statements cached by SQL text, write transactions
// (nested calls become savepoints) and every failure turned into a StoreError.
import type { DatabaseSync, SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite'
import { toStoreError } from './sqlite-errors.ts'

export type Row = Record<string, SQLOutputValue>
export type Params = readonly SQLInputValue[]

export type Database = {
  readonly connection: DatabaseSync
  /** Where the data lives, for error messages: the file's path or ':memory:'. */
  readonly file: string
  all: (sql: string, params?: Params) => Row[]
  get: (sql: string, params?: Params) => Row | undefined
  run: (sql: string, params?: Params) => number
  /** Runs an INSERT and returns the new row's rowid (RETURNING makes inserts ~2x slower). */
  insert: (sql: string, params?: Params) => number
  /** Steps a fresh statement row by row (a caller may pause between rows; others keep theirs). */
  iterate: (sql: string, params?: Params) => Generator<Row, void, undefined>
  /** Runs `work` in one write transaction: all of it is committed, or none. */
  write: <T>(work: () => T) => T
  /** Runs `work`, turning SQLite failures into StoreErrors. */
  guard: <T>(work: () => T) => T
}

export function createDatabase(connection: DatabaseSync, file: string): Database {
  const statements = new Map<string, StatementSync>()
  const prepare = (sql: string, bigInts = false) => {
    const key = bigInts ? `changes:${sql}` : sql
    let statement = statements.get(key)
    if (!statement) {
      statement = connection.prepare(sql)
      // A write's change count as a BigInt: after a delete from an FTS5 table SQLite may
      // report a count beyond 2^53, which node:sqlite refuses to turn into a number.
      statement.setReadBigInts(bigInts)
      statements.set(key, statement)
    }
    return statement
  }
  const guard = <T>(work: () => T): T => {
    try {
      return work()
    } catch (error) {
      throw toStoreError(error, file)
    }
  }
  // Tracked here rather than read from connection.isTransaction, which Node 22 lacks.
  let depth = 0
  const write = <T>(work: () => T): T =>
    guard(() => {
      if (depth > 0) return inSavepoint(work)
      // BEGIN IMMEDIATE takes the write lock first, so a second writer waits (busy timeout)
      // instead of failing half-way when its read turns into a write.
      connection.exec('BEGIN IMMEDIATE')
      depth++
      try {
        const result = work()
        connection.exec('COMMIT')
        return result
      } catch (error) {
        rollback(connection)
        throw error
      } finally {
        depth--
      }
    })
  const inSavepoint = <T>(work: () => T): T => {
    const name = `nested_${depth++}`
    connection.exec(`SAVEPOINT ${name}`)
    try {
      const result = work()
      connection.exec(`RELEASE ${name}`)
      return result
    } catch (error) {
      connection.exec(`ROLLBACK TO ${name}`)
      connection.exec(`RELEASE ${name}`)
      throw error
    } finally {
      depth--
    }
  }
  return {
    connection,
    file,
    all: (sql, params = []) => guard(() => prepare(sql).all(...params)),
    get: (sql, params = []) => guard(() => prepare(sql).get(...params)),
    run: (sql, params = []) => guard(() => Number(prepare(sql, true).run(...params).changes)),
    insert: (sql, params = []) =>
      guard(() => Number(prepare(sql, true).run(...params).lastInsertRowid)),
    iterate: function* (sql, params = []) {
      const rows = guard(() => connection.prepare(sql).iterate(...params))
      try {
        for (;;) {
          const step = guard(() => rows.next())
          if (step.done) return
          yield step.value
        }
      } finally {
        rows.return?.()
      }
    },
    write,
    guard,
  }
}

/** Ends a failed transaction; SQLite may already have rolled it back itself (a full disk). */
export function rollback(connection: DatabaseSync): void {
  try {
    connection.exec('ROLLBACK')
  } catch {
    // No transaction was left to roll back.
  }
}

/** A column that holds text or NULL. */
export const textOf = (value: SQLOutputValue | undefined): string | null =>
  typeof value === 'string' ? value : null

/** A column that holds a number or NULL. */
export const numberOf = (value: SQLOutputValue | undefined): number | null =>
  typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : null
