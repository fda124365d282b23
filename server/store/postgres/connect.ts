// The bounded pool of connections to the mirror's PostgreSQL. Its first connection settles
// libpq's allow and prefer: the TLS setting the server accepts is kept for every later one.
import pg from 'pg'
import type { ConnectionConfig, Tls } from './connection-config.ts'
import { toStoreError } from './postgres-errors.ts'

export type PoolOptions = {
  /** Most connections this process holds (default 10). */
  poolMax?: number
  /** Longest a read may run before PostgreSQL cancels it (writes are not bounded). */
  statementTimeoutMs?: number
}

const INT8 = 20

/** bigint (counts, keys, sequence numbers) as a number: all stay far below 2^53. */
function parseInt8(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new RangeError(`${text} exceeds a safe integer`)
  return value
}

type Parser = (text: string) => unknown
// pg-types declares its parsers' results `any`: they are read as unknown here.
const builtin = pg.types.getTypeParser as (id: number, format?: 'text' | 'binary') => Parser
const getTypeParser = ((id: number, format?: 'text' | 'binary'): Parser =>
  id === INT8 ? parseInt8 : builtin(id, format)) as pg.CustomTypesConfig['getTypeParser']

function createPool(config: ConnectionConfig, ssl: Tls, options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    ...config.client,
    ssl,
    max: options.poolMax ?? 10,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 60_000,
    types: { getTypeParser },
  })
  // An idle connection the server closed (a restart, a failover): the pool drops it and the
  // next query opens another. Without a listener the process would exit.
  pool.on('error', () => undefined)
  return pool
}

/** Whether the next TLS setting is worth a try after this failure (libpq does the same). */
function tryNext(error: unknown, tried: Tls): boolean {
  if (!(error instanceof Error)) return false
  if (tried !== false) return /does not support SSL/i.test(error.message)
  // allow: a server that wants TLS refuses a plain connection in pg_hba.conf (class 28).
  return 'code' in error && typeof error.code === 'string' && error.code.startsWith('28')
}

export async function connectPool(
  config: ConnectionConfig,
  options: PoolOptions = {},
): Promise<pg.Pool> {
  for (const [i, ssl] of config.attempts.entries()) {
    const pool = createPool(config, ssl, options)
    try {
      ;(await pool.connect()).release()
      return pool
    } catch (error) {
      await pool.end().catch(() => undefined)
      if (i === config.attempts.length - 1 || !tryNext(error, ssl)) {
        throw toStoreError(error, config)
      }
    }
  }
  throw new Error('No connection attempt was configured.')
}
