// The upstream budget every replica shares, kept in PostgreSQL: grants of the last 60 s
// (counted on the database server's clock, so the replicas' clocks need not agree), the
// pause a 429's Retry-After asks for, and the 401 cool-down. Each decision is one
// statement (cluster_take_grant, see cluster-schema.ts) under a transaction lock.
import type { Query } from './cluster-session.ts'

/** `probe`: the first call since a 401 cool-down ended, which proves or fails the key. */
export type LedgerAnswer =
  | { granted: true; probe: boolean }
  | { granted: false; reason: 'full' | 'paused' | 'unauthorized'; waitMs: number }

export type Ledger = {
  /** One grant, if the window holds fewer than `limit` (the cap of the caller's priority). */
  take: (limit: number) => Promise<LedgerAnswer>
  /** A 429: no replica sends anything for `forMs`. */
  pause: (forMs: number) => Promise<void>
  /** A 401: no replica sends anything for `forMs`. */
  reject: (forMs: number) => Promise<void>
  /** The key proved good: the cool-down is over for every replica. */
  accept: () => Promise<void>
}

const outcomes = ['granted', 'probe', 'full', 'paused', 'unauthorized'] as const
type Outcome = (typeof outcomes)[number]
const isOutcome = (value: unknown): value is Outcome => outcomes.some((known) => known === value)

/** Now plus $1 milliseconds, on the database server's clock. */
const fromNowSql = `clock_timestamp() + $1::double precision * interval '1 millisecond'`

export function createLedger(query: Query, options: { probeLeaseMs: number }): Ledger {
  const probeMs = Math.max(1, Math.round(options.probeLeaseMs))
  return {
    async take(limit) {
      const [row] = await query<{ outcome: unknown; wait_ms: unknown }>(
        'SELECT outcome, wait_ms FROM cluster_take_grant($1, $2)',
        [Math.max(1, Math.floor(limit)), probeMs],
      )
      const outcome = row?.outcome
      if (!isOutcome(outcome)) throw new Error(`cluster_take_grant answered ${String(outcome)}`)
      if (outcome === 'granted' || outcome === 'probe') {
        return { granted: true, probe: outcome === 'probe' }
      }
      return {
        granted: false,
        reason: outcome,
        waitMs: Math.max(1, Math.ceil(Number(row?.wait_ms))),
      }
    },
    async pause(forMs) {
      await query(
        `UPDATE cluster_budget SET paused_until = GREATEST(paused_until, ${fromNowSql}) WHERE id = 1`,
        [forMs],
      )
    },
    async reject(forMs) {
      // Replaces a probe's lease, which may end later than a short cool-down would.
      await query(`UPDATE cluster_budget SET unauthorized_until = ${fromNowSql} WHERE id = 1`, [
        forMs,
      ])
    },
    async accept() {
      await query('UPDATE cluster_budget SET unauthorized_until = NULL WHERE id = 1')
    },
  }
}
