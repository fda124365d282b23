// SQLite's result codes → StoreError, with what an operator should do about each. A write
// that fails is rolled back whole (see database.ts), so the message can say nothing was lost.
import { StoreError, type StoreErrorCode } from '../store-error.ts'

// Primary result codes (the low byte of an extended code): https://sqlite.org/rescode.html
const SQLITE_BUSY = 5
const SQLITE_LOCKED = 6
const SQLITE_READONLY = 8
const SQLITE_IOERR = 10
const SQLITE_CORRUPT = 11
const SQLITE_FULL = 13
const SQLITE_CANTOPEN = 14
const SQLITE_NOTADB = 26

type Explained = { code: StoreErrorCode; message: string }

function explain(primary: number, file: string): Explained | null {
  switch (primary) {
    case SQLITE_FULL:
      return {
        code: 'disk_full',
        message: `The disk holding the mirror (${file}) is full, so a write was rolled back. Free some space there; the dashboard carries on once it can write again.`,
      }
    case SQLITE_IOERR:
      return {
        code: 'io_error',
        message: `The mirror's file (${file}) could not be read or written (an I/O error). Check the disk and the file's permissions; the last write was rolled back.`,
      }
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {
        code: 'corrupt',
        message: `The mirror's file (${file}) is damaged or is not an SQLite database. Move it aside (the dashboard rebuilds the mirror from perform.chat) or point DATABASE_URL elsewhere.`,
      }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {
        code: 'busy',
        message: `The mirror's file (${file}) stayed locked by another process. Make sure only one dashboard server uses it (several replicas need PostgreSQL).`,
      }
    case SQLITE_READONLY:
      return {
        code: 'read_only',
        message: `The mirror's file (${file}) is read-only. Give the server's user write access to it and its folder.`,
      }
    case SQLITE_CANTOPEN:
      return {
        code: 'cannot_open',
        message: `The mirror's file (${file}) cannot be opened. Check that its folder exists and that the server's user may write there, or point DATABASE_URL elsewhere.`,
      }
    default:
      return null
  }
}

const errcodeOf = (error: unknown): number | null =>
  error instanceof Error && 'errcode' in error && typeof error.errcode === 'number'
    ? error.errcode
    : null

/** The StoreError an SQLite failure means, or the error itself when it is none of those. */
export function toStoreError(error: unknown, file: string): unknown {
  if (error instanceof StoreError) return error
  const errcode = errcodeOf(error)
  const explained = errcode === null ? null : explain(errcode & 0xff, file)
  return explained ? new StoreError(explained.code, explained.message, { cause: error }) : error
}
