// PostgreSQL's failures → StoreError, with what an operator should do about each. A write
// that fails is rolled back whole, so a message can say nothing was half-written. Messages
// name the server by host, port and database, never by URL: the URL holds the password.
import { StoreError, type StoreErrorCode } from '../store-error.ts'

/** Where the mirror lives, for messages, and the one secret no message may hold. */
export type ErrorContext = { where: string; password: string }

type Explained = { code: StoreErrorCode; message: string }

const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300'])
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
])
// pg's own errors, which carry no code: a connection lost, refused in time, or the pool ended.
const LOST =
  /connection terminated|timeout exceeded when trying to connect|not queryable|after calling end on the pool/i
const TLS_REFUSED = /does not support SSL/i

const codeOf = (error: unknown): string =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : ''

function explainSqlState(state: string, where: string): Explained | null {
  if (state === '53100')
    return {
      code: 'disk_full',
      message: `The disk of the PostgreSQL server holding the mirror (${where}) is full, so a write was rolled back. Free some space there; the dashboard carries on once it can write again.`,
    }
  if (state === '25006')
    return {
      code: 'read_only',
      message: `The PostgreSQL server holding the mirror (${where}) accepts no writes (a read-only transaction or a standby). Point DATABASE_URL at the primary.`,
    }
  if (state.startsWith('08') || UNAVAILABLE_SQLSTATES.has(state))
    return {
      code: 'unavailable',
      message: `The PostgreSQL server holding the mirror (${where}) closed the connection or cannot take one now (${state}). The dashboard retries on the next request.`,
    }
  if (state.startsWith('28'))
    return {
      code: 'cannot_open',
      message: `The PostgreSQL server (${where}) refused the user name or password of DATABASE_URL (${state}).`,
    }
  if (state === '3D000')
    return {
      code: 'cannot_open',
      message: `The database of DATABASE_URL (${where}) does not exist. Create it (CREATE DATABASE) or point DATABASE_URL elsewhere.`,
    }
  if (state === '42501')
    return {
      code: 'cannot_open',
      message: `The user of DATABASE_URL lacks a privilege the mirror needs on ${where} (${state}): it must be able to create tables in its schema and to read and write them.`,
    }
  if (state === '40001' || state === '40P01' || state === '55P03' || state === '57014')
    return {
      code: 'busy',
      message: `The PostgreSQL server holding the mirror (${where}) cancelled a statement that waited or ran too long (${state}); it was rolled back.`,
    }
  if (state === '58030')
    return {
      code: 'io_error',
      message: `The PostgreSQL server holding the mirror (${where}) hit an I/O error (${state}). Check its disk; the last write was rolled back.`,
    }
  if (state === 'XX001' || state === 'XX002')
    return {
      code: 'corrupt',
      message: `The PostgreSQL server holding the mirror (${where}) found damaged data (${state}). Restore the database from a backup, or point DATABASE_URL at an empty one (the mirror is rebuilt from perform.chat).`,
    }
  return null
}

function explain(error: unknown, where: string): Explained | null {
  const code = codeOf(error)
  if (/^[0-9A-Z]{5}$/.test(code)) return explainSqlState(code, where)
  const message = error instanceof Error ? error.message : ''
  if (NETWORK_CODES.has(code) || LOST.test(message))
    return {
      code: 'unavailable',
      message: `The PostgreSQL server holding the mirror (${where}) cannot be reached or dropped the connection (${code || message}). Check that it runs and that DATABASE_URL names it.`,
    }
  if (TLS_REFUSED.test(message))
    return {
      code: 'cannot_open',
      message: `The PostgreSQL server (${where}) does not support TLS, which DATABASE_URL's sslmode requires. Enable TLS on the server, or set sslmode=prefer or disable.`,
    }
  if (/CERT|TLS|SSL/.test(code))
    return {
      code: 'cannot_open',
      message: `The TLS certificate of the PostgreSQL server (${where}) was refused (${code}). Check sslrootcert and sslmode in DATABASE_URL.`,
    }
  return null
}

/** Removes the password from a text, should a driver ever repeat it. */
export const redact = (text: string, password: string): string =>
  password ? text.split(password).join('********') : text

/** The StoreError a PostgreSQL failure means, or the error itself (its message redacted). */
export function toStoreError(error: unknown, context: ErrorContext): unknown {
  if (error instanceof StoreError) return error
  const explained = explain(error, context.where)
  if (explained) {
    const message = redact(explained.message, context.password)
    return new StoreError(explained.code, message, { cause: error })
  }
  if (error instanceof Error && context.password && error.message.includes(context.password)) {
    return new Error(redact(error.message, context.password))
  }
  return error
}
