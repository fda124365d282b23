import pg from 'pg'
import { afterEach, expect, test, vi } from 'vitest'
import { ConversationListSchema } from '../../src/lib/contract.ts'
import { startMockUpstream, type MockUpstream } from '../../mocks/upstream-server.ts'
import { realClock } from '../clock.ts'
import { createLogger } from '../logger.ts'
import { freshPostgresUrl } from '../testing/postgres-test-db.ts'
import { createUpstreamClient } from '../upstream/client.ts'
import { UpstreamError } from '../upstream/errors.ts'
import { GateKeyRejected, GateWaitTooLong } from '../upstream/gate-wait.ts'
import { WINDOW_MS } from '../upstream/grant-window.ts'
import { createLimiter, type Priority } from '../upstream/limiter.ts'
import { openPostgresCluster, type PostgresCluster } from './postgres-cluster.ts'
import type { SharedGate } from './shared-gate.ts'

const opened: PostgresCluster[] = []
let mock: MockUpstream | undefined
afterEach(async () => {
  await Promise.all(opened.splice(0).map((cluster) => cluster.close()))
  await mock?.close()
  mock = undefined
})

async function replica(url: string, budget: { perMinute: number; interactiveShare: number }) {
  const cluster = await openPostgresCluster({
    url,
    logger: createLogger('error', () => {}),
    clock: realClock,
    probeLeaseMs: 2_000,
    retryMs: 100,
  })
  opened.push(cluster)
  return cluster.gate(createLimiter({ ...budget, clock: realClock })) as SharedGate
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}

/** What each acquire came to: granted, or refused with when to try again (ms from now). */
async function outcomes(
  gate: SharedGate,
  priority: Priority,
  count: number,
): Promise<('granted' | number)[]> {
  return Promise.all(
    Array.from({ length: count }, () =>
      gate.acquire(priority, undefined, { maxWaitMs: 1_000 }).then(
        () => 'granted' as const,
        (error: unknown) => {
          if (!(error instanceof GateWaitTooLong)) throw error
          return error.untilMs - Date.now()
        },
      ),
    ),
  )
}

const granted = (results: readonly ('granted' | number)[]) =>
  results.filter((result) => result === 'granted').length

test('two replicas hammering the budget together get exactly the cap in a minute', async () => {
  const url = await freshPostgresUrl()
  const budget = { perMinute: 20, interactiveShare: 0 }
  const [a, b] = await Promise.all([replica(url, budget), replica(url, budget)])
  const results = (await Promise.all([outcomes(a, 'crawl', 30), outcomes(b, 'crawl', 30)])).flat()
  expect(granted(results)).toBe(20)
  // Everyone refused is told when to come back: when the first grant leaves the window.
  const waits = results.filter((result) => result !== 'granted')
  expect(waits).toHaveLength(40)
  for (const wait of waits) {
    expect(wait).toBeGreaterThan(1_000)
    expect(wait).toBeLessThanOrEqual(WINDOW_MS + 1_000)
  }
  const [rows] = await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM cluster_grants')
  expect(Number(rows?.n)).toBe(20)
})

test('crawl calls of all replicas stop at the crawl cap while interactive calls still go', async () => {
  const url = await freshPostgresUrl()
  // 10 a minute, 2 of them kept for interactive calls: the crawl may take 8.
  const budget = { perMinute: 10, interactiveShare: 0.2 }
  const [a, b] = await Promise.all([replica(url, budget), replica(url, budget)])
  const crawl = (await Promise.all([outcomes(a, 'crawl', 5), outcomes(b, 'crawl', 5)])).flat()
  expect(granted(crawl)).toBe(8)
  expect(crawl.filter((result) => result !== 'granted')).toHaveLength(2)
  const interactive = await outcomes(b, 'interactive', 3)
  expect(granted(interactive)).toBe(2)
  expect(interactive[2]).toBeGreaterThan(1_000)
})

test('a 429 seen by one replica holds the other back too', async () => {
  const url = await freshPostgresUrl()
  const budget = { perMinute: 100, interactiveShare: 0.2 }
  const [a, b] = await Promise.all([replica(url, budget), replica(url, budget)])
  a.pause(Date.now() + 30_000)
  await vi.waitFor(async () => {
    const [row] = await sql<{ paused: boolean }>(
      url,
      'SELECT paused_until > clock_timestamp() AS paused FROM cluster_budget',
    )
    expect(row?.paused).toBe(true)
  })
  const [wait] = await outcomes(b, 'interactive', 1)
  expect(wait).toBeGreaterThan(25_000)
  // The other replica's own limiter now shows the pause (the sync's rate-limit notice).
  expect(b.stats().blockedUntil).toBeGreaterThan(Date.now() + 25_000)
})

const key = { keyId: 'cluster-key-id', keySecret: 'cluster-secret-8c1f2e' }
const list = { query: { limit: 5 }, schema: ConversationListSchema }

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error: unknown = await promise.then(
    () => new Error('expected the call to fail'),
    (reason: unknown) => reason,
  )
  if (error instanceof UpstreamError) return error
  throw error
}

const coolingDown = async (url: string) => {
  const [row] = await sql<{ cooling: boolean | null }>(
    url,
    'SELECT unauthorized_until > clock_timestamp() AS cooling FROM cluster_budget',
  )
  return row?.cooling ?? null
}

test('a 401 on one replica makes the other refuse without calling upstream', async () => {
  mock = await startMockUpstream({ ...key, dbOptions: { conversations: 10 } })
  const url = await freshPostgresUrl()
  const budget = { perMinute: 100, interactiveShare: 0.2 }
  const [gateA, gateB] = await Promise.all([replica(url, budget), replica(url, budget)])
  const client = (gate: SharedGate) =>
    createUpstreamClient({
      baseUrl: mock?.url ?? '',
      keyId: key.keyId,
      keySecret: 'a-wrong-secret-value',
      timeoutMs: 2_000,
      gate,
      authCooldownMs: 60_000,
    })
  const [a, b] = [client(gateA), client(gateB)]
  expect((await failure(a.get('/conversations', list))).code).toBe('upstream_unauthorized')
  await vi.waitFor(async () => expect(await coolingDown(url)).toBe(true))
  const refused = await failure(b.get('/conversations', list))
  expect(refused.code).toBe('upstream_unauthorized')
  expect(refused.message).toContain('API_KEY_SECRET')
  expect(b.status()).toMatchObject({ state: 'unauthorized' })
  expect(mock.stats()).toEqual({ requests: 1, byStatus: { '401': 1 } })
})

test('after a shared 401 cool-down one replica probes the key while the others wait', async () => {
  const url = await freshPostgresUrl()
  const budget = { perMinute: 100, interactiveShare: 0.2 }
  const [a, b] = await Promise.all([replica(url, budget), replica(url, budget)])
  a.keyRejected(Date.now() + 200)
  await vi.waitFor(async () => expect(await coolingDown(url)).toBe(true))
  await expect(b.acquire('interactive')).rejects.toBeInstanceOf(GateKeyRejected)
  await vi.waitFor(async () => expect(await coolingDown(url)).toBe(false))

  const tries = await Promise.allSettled([a.acquire('interactive'), b.acquire('interactive')])
  expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1)
  const [refused] = tries.filter((t) => t.status === 'rejected')
  expect(refused?.reason).toBeInstanceOf(GateKeyRejected)

  // The probe succeeds: the key is good again for every replica.
  const prober = tries[0].status === 'fulfilled' ? a : b
  prober.keyAccepted()
  await vi.waitFor(async () => expect(await coolingDown(url)).toBeNull())
  await expect(Promise.all([a.acquire('interactive'), b.acquire('interactive')])).resolves.toEqual([
    undefined,
    undefined,
  ])
})
