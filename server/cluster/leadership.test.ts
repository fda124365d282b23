import pg from 'pg'
import { afterEach, expect, test, vi } from 'vitest'
import type { SyncStatus } from '../../src/lib/contract.ts'
import { realClock } from '../clock.ts'
import { createLogger } from '../logger.ts'
import type { Sync } from '../sync/sync.ts'
import { freshPostgresUrl } from '../testing/postgres-test-db.ts'
import { lockKeys } from './cluster-schema.ts'
import { openPostgresCluster, type PostgresCluster } from './postgres-cluster.ts'

const retryMs = 100
const opened: PostgresCluster[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((cluster) => cluster.close()))
})

const baseStatus: SyncStatus = {
  complete: false,
  loaded: 0,
  total: null,
  as_of: null,
  syncing: false,
  possibly_incomplete: false,
  wait: null,
  error: null,
  version: 0,
}

type FakeSync = Sync & { running: boolean; emit: (patch: Partial<SyncStatus>) => void }

function fakeSync(): FakeSync {
  let status = baseStatus
  const listeners = new Set<(status: SyncStatus) => void>()
  const sync: FakeSync = {
    running: false,
    start: () => void (sync.running = true),
    stop: () => Promise.resolve(void (sync.running = false)),
    status: () => status,
    onStatus(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(patch) {
      status = { ...status, ...patch }
      for (const listener of listeners) listener(status)
    },
  }
  return sync
}

async function replica(url: string, options: { retryMs?: number } = {}) {
  const cluster = await openPostgresCluster({
    url,
    logger: createLogger('error', () => {}),
    clock: realClock,
    probeLeaseMs: 1000,
    retryMs: options.retryMs ?? retryMs,
    publishIntervalMs: 20,
  })
  opened.push(cluster)
  const syncs: FakeSync[] = []
  const sync = await cluster.replicate({
    create: () => {
      const made = fakeSync()
      syncs.push(made)
      return Promise.resolve(made)
    },
    upstream: { status: () => ({ state: 'unknown', at: null, retryAfterUntil: null }) },
  })
  const running = () => syncs.filter((made) => made.running)
  return { cluster, sync, syncs, running }
}

type Replica = Awaited<ReturnType<typeof replica>>

const leaders = (replicas: readonly Replica[]) => replicas.filter((r) => r.cluster.isLeader())

async function onlyLeader(replicas: readonly Replica[]): Promise<Replica> {
  await vi.waitFor(() => expect(leaders(replicas)).toHaveLength(1), { timeout: 20 * retryMs })
  const [leader] = leaders(replicas)
  if (!leader) throw new Error('no leader')
  return leader
}

async function asAdmin<T>(url: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    return await fn(admin)
  } finally {
    await admin.end()
  }
}

const holdersSql = `FROM pg_locks
  WHERE locktype = 'advisory' AND granted AND objid = $1::bigint::oid AND objsubid = 1`

/** The backends holding the leader's lock. */
const lockHolders = (url: string) =>
  asAdmin(url, async (admin) => {
    const rows = await admin.query<{ pid: number }>(`SELECT pid ${holdersSql}`, [lockKeys.leader])
    return rows.rows.map((row) => row.pid)
  })

/** Ends the backend that holds the leader's lock, as a crashed process or a cut connection would. */
const killLockHolder = (url: string) =>
  asAdmin(url, (admin) =>
    admin.query(`SELECT pg_terminate_backend(pid) ${holdersSql}`, [lockKeys.leader]),
  )

/** The backends whose last statement was a try for the leader's lock. */
const triedToLead = (url: string) =>
  asAdmin(url, async (admin) => {
    const rows = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_try_advisory_lock%'`,
    )
    return rows.rows.map((row) => row.pid)
  })

test('exactly one of three replicas leads and runs the sync', async () => {
  const url = await freshPostgresUrl()
  const replicas = await Promise.all([replica(url), replica(url), replica(url)])
  for (const r of replicas) r.sync.start()
  const leader = await onlyLeader(replicas)
  await vi.waitFor(() => expect(leader.running()).toHaveLength(1))
  // Both followers have tried for the lock since (and were refused): still one leader.
  const followers = replicas.filter((r) => r !== leader).map((r) => r.cluster.backendPid())
  await vi.waitFor(async () =>
    expect(await triedToLead(url)).toEqual(expect.arrayContaining(followers)),
  )
  expect(leaders(replicas)).toEqual([leader])
  expect(replicas.flatMap((r) => r.running())).toHaveLength(1)
  expect(await lockHolders(url)).toEqual([leader.cluster.backendPid()])
})

test('when the leader dies, another replica leads within the retry interval', async () => {
  const url = await freshPostgresUrl()
  const replicas = await Promise.all([replica(url), replica(url), replica(url)])
  for (const r of replicas) r.sync.start()
  const first = await onlyLeader(replicas)
  await vi.waitFor(() => expect(first.running()).toHaveLength(1))

  const killedAt = performance.now()
  await killLockHolder(url)
  // The old leader stops its sync at once, and a follower takes over.
  await vi.waitFor(() => expect(first.running()).toHaveLength(0), { timeout: 10 * retryMs })
  const others = replicas.filter((r) => r !== first)
  const second = await onlyLeader(others)
  const tookMs = performance.now() - killedAt
  await vi.waitFor(() => expect(second.running()).toHaveLength(1))
  expect(tookMs).toBeLessThan(retryMs * 5)
  // The old leader came back as a follower (never two leaders) and hears the new one.
  await vi.waitFor(() => expect(first.cluster.backendPid()).not.toBeNull())
  expect(leaders(replicas)).toEqual([second])
  second.running()[0]?.emit({ loaded: 42 })
  await vi.waitFor(() => expect(first.sync.status().loaded).toBe(42))
})

test('a replica that stops hands the lead over at once, not at the next try', async () => {
  const url = await freshPostgresUrl()
  // Followers would try again only a minute later: only the hand-over can explain a new leader.
  const slow = { retryMs: 60_000 }
  const replicas = await Promise.all([replica(url, slow), replica(url, slow)])
  for (const r of replicas) r.sync.start()
  const first = await onlyLeader(replicas)
  await first.sync.stop()
  expect(first.running()).toHaveLength(0)
  const second = await onlyLeader(replicas.filter((r) => r !== first))
  await vi.waitFor(() => expect(second.running()).toHaveLength(1))
})

test('the leader’s status reaches the followers, and a replica starting later reads it', async () => {
  const url = await freshPostgresUrl()
  const replicas = await Promise.all([replica(url), replica(url)])
  for (const r of replicas) r.sync.start()
  const leader = await onlyLeader(replicas)
  const follower = replicas.find((r) => r !== leader)
  const heard: SyncStatus[] = []
  follower?.sync.onStatus((status) => heard.push(status))
  const [running] = leader.running()
  running?.emit({ loaded: 500, total: 1200, syncing: true })
  running?.emit({ loaded: 1000, total: 1200, syncing: true })
  await vi.waitFor(() => expect(heard.at(-1)).toMatchObject({ loaded: 1000, total: 1200 }))
  expect(follower?.sync.status()).toMatchObject({ loaded: 1000, syncing: true })

  const later = await replica(url)
  expect(later.sync.status()).toMatchObject({ loaded: 1000, total: 1200, syncing: true })
})

test('a status too large for NOTIFY reaches the followers through the table', async () => {
  const url = await freshPostgresUrl()
  const replicas = await Promise.all([replica(url), replica(url)])
  for (const r of replicas) r.sync.start()
  const leader = await onlyLeader(replicas)
  const follower = replicas.find((r) => r !== leader)
  const message = `perform.chat failed: ${'x'.repeat(9000)}`
  leader.running()[0]?.emit({ error: { code: 'upstream_error', message } })
  await vi.waitFor(() => expect(follower?.sync.status().error?.message).toBe(message))
})

test('views changed on one replica are announced on the others, not back to itself', async () => {
  const url = await freshPostgresUrl()
  const [a, b, c] = await Promise.all([replica(url), replica(url), replica(url)])
  const heard = { a: 0, b: 0, c: 0 }
  // Each replica announces once when it starts listening; count from here.
  a.cluster.onViewsChanged(() => heard.a++)
  b.cluster.onViewsChanged(() => heard.b++)
  c.cluster.onViewsChanged(() => heard.c++)
  a.cluster.viewsChanged()
  await vi.waitFor(() => expect(heard).toMatchObject({ b: 1, c: 1 }))
  expect(heard.a).toBe(0)
})
