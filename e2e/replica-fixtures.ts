// Two production servers on one PostgreSQL and one mock perform.chat, as a team runs
// replicas for failover. One PostgreSQL per worker (starting one takes seconds); each
// test gets a fresh database on it, so leadership, the budget and views never leak.
import { http } from 'msw'
import * as z from 'zod/mini'
import type { MockUpstream } from '../mocks/upstream-server.ts'
import { SyncStatusSchema, type SyncStatus } from '../src/lib/contract.ts'
import { startTestPostgres, type TestPostgres } from '../server/testing/postgres-server.ts'
import { KEY, startDashboard, test as base, expect, type DashboardServer } from './fixtures.ts'

const ReadySchema = z.object({
  leader: z.boolean(),
  status: z.string(),
  mirror_complete: z.boolean(),
  mirror_conversations: z.number(),
})
export type Ready = z.infer<typeof ReadySchema>

/** What a replica's /api/ready says (503 while not ready carries the same body). */
export async function readyOf(server: DashboardServer): Promise<Ready> {
  const response = await fetch(`${server.url}/api/ready`)
  return ReadySchema.parse(await response.json())
}

/** The statuses a replica pushes to its browsers (GET /api/events), from now until close(). */
export function watchStatus(server: DashboardServer) {
  const seen: SyncStatus[] = []
  const stop = new AbortController()
  const reading = (async () => {
    const response = await fetch(`${server.url}/api/events`, { signal: stop.signal })
    const decoder = new TextDecoder()
    let buffer = ''
    for await (const chunk of response.body ?? []) {
      buffer += decoder.decode(chunk, { stream: true })
      const events = buffer.split('\n\n')
      buffer = events.pop() ?? ''
      for (const event of events) {
        const data = /^event: status\ndata: (.*)$/m.exec(event)?.[1]
        if (data) seen.push(SyncStatusSchema.parse(JSON.parse(data)))
      }
    }
  })().catch(() => {})
  return {
    seen,
    close: async () => {
      stop.abort()
      await reading
    },
  }
}

/** Every request the mock received, as `path?query`, in order. */
export type UpstreamLog = { requests: string[]; count: (pattern: RegExp) => number }

export type Roles = { leader: DashboardServer; follower: DashboardServer }

export type Replicas = {
  a: DashboardServer
  b: DashboardServer
  /** Waits until exactly one replica says it leads; which one, and the other. */
  roles: () => Promise<Roles>
  /** Listening since before the first replica started. */
  upstreamLog: UpstreamLog
}

type TestFixtures = {
  /** Environment of both replicas, over the defaults below. */
  replicaEnv: Record<string, string>
  /** Both at once (the usual deploy), or the second once the first holds a complete mirror. */
  followerStarts: 'at once' | 'after the first sync'
  replicas: Replicas
}

export const test = base.extend<TestFixtures, { postgres: TestPostgres }>({
  postgres: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern
    async ({}, use) => {
      const postgres = await startTestPostgres()
      await use(postgres)
      await postgres.stop()
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  replicaEnv: [{}, { option: true }],
  followerStarts: ['at once', { option: true }],
  replicas: async ({ postgres, upstream, replicaEnv, followerStarts }, use) => {
    const upstreamLog = listen(upstream)
    const env = {
      API_KEY_ID: KEY.id,
      API_KEY_SECRET: KEY.secret,
      PERFORMCHAT_API_URL: upstream.url,
      DATABASE_URL: await postgres.createDatabase(),
      SNAPSHOT_TTL_SECONDS: '3',
      ...replicaEnv,
    }
    const [a, b] =
      followerStarts === 'at once'
        ? await Promise.all([startDashboard(env), startDashboard(env)])
        : await startOneAfterTheOther(env)
    const roles = async (): Promise<Roles> => {
      let found: Roles | undefined
      await expect(async () => {
        const [readyA, readyB] = await Promise.all([readyOf(a), readyOf(b)])
        expect([readyA.leader, readyB.leader], 'exactly one replica leads').toContain(true)
        expect(readyA.leader).not.toBe(readyB.leader)
        found = readyA.leader ? { leader: a, follower: b } : { leader: b, follower: a }
      }).toPass({ timeout: 30_000 })
      if (!found) throw new Error('no leader')
      return found
    }
    await use({ a, b, roles, upstreamLog })
    await Promise.all([a.stop(), b.stop()])
  },
  // Not the single SQLite server of fixtures.ts, which would crawl the mock too.
  baseURL: async ({ replicas }, use) => {
    await use(replicas.a.url)
  },
})

function listen(upstream: MockUpstream): UpstreamLog {
  const requests: string[] = []
  // Returns nothing, so the mock's own handlers answer every request as before.
  upstream.use(
    http.all(`${upstream.url}/*`, ({ request }) => {
      const url = new URL(request.url)
      requests.push(`${url.pathname.replace(/^\/rest\/v1/, '')}${url.search}`)
    }),
  )
  return { requests, count: (pattern) => requests.filter((r) => pattern.test(r)).length }
}

async function startOneAfterTheOther(env: Record<string, string>) {
  const first = await startDashboard(env)
  await expect
    .poll(async () => (await readyOf(first)).mirror_complete, { timeout: 30_000 })
    .toBe(true)
  return [first, await startDashboard(env)] as const
}

export { expect }
