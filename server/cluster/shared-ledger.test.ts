import pg from 'pg'
import { afterEach, expect, test } from 'vitest'
import { realClock } from '../clock.ts'
import { createLogger } from '../logger.ts'
import { freshPostgresUrl } from '../testing/postgres-test-db.ts'
import type { Query } from './cluster-session.ts'
import { openPostgresCluster, type PostgresCluster } from './postgres-cluster.ts'
import { createLedger, type LedgerAnswer } from './shared-ledger.ts'

const clients: pg.Client[] = []
let cluster: PostgresCluster | undefined
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.end()))
  await cluster?.close()
})

/** A database with the cluster's tables, and `count` connections of their own to it. */
async function connections(count: number) {
  const url = await freshPostgresUrl()
  cluster = await openPostgresCluster({
    url,
    logger: createLogger('error', () => {}),
    clock: realClock,
    probeLeaseMs: 1_000,
  })
  return Promise.all(
    Array.from({ length: count }, async () => {
      const client = new pg.Client({ connectionString: url })
      clients.push(client)
      await client.connect()
      const query: Query = async <R extends pg.QueryResultRow>(
        text: string,
        values?: readonly unknown[],
      ) => (await client.query<R>(text, values ? [...values] : [])).rows
      return createLedger(query, { probeLeaseMs: 1_000 })
    }),
  )
}

test('many connections taking at once never get more than the limit in the window', async () => {
  const ledgers = await connections(16)
  const answers: LedgerAnswer[] = []
  // Each connection asks one at a time (as a replica does), all connections at once.
  await Promise.all(
    ledgers.map(async (ledger) => {
      for (let i = 0; i < 10; i++) answers.push(await ledger.take(20))
    }),
  )
  expect(answers.filter((answer) => answer.granted)).toHaveLength(20)
  for (const answer of answers) {
    if (!answer.granted) expect(answer.waitMs).toBeGreaterThan(55_000)
  }
})

test('a call of a priority with a lower cap waits while one with the whole cap goes', async () => {
  const [ledger] = await connections(1)
  if (!ledger) throw new Error('no ledger')
  for (let i = 0; i < 8; i++) expect(await ledger.take(8)).toEqual({ granted: true, probe: false })
  expect(await ledger.take(8)).toMatchObject({ granted: false, reason: 'full' })
  expect(await ledger.take(10)).toEqual({ granted: true, probe: false })
})
