// Two replicas of the whole server in one process, as two production servers would run:
// one PostgreSQL for the mirror and the cluster, one mock perform.chat.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { afterEach, expect, test, vi } from 'vitest'
import { ConversationPageSchema } from '../../src/lib/contract.ts'
import { startMockUpstream, type MockUpstream } from '../../mocks/upstream-server.ts'
import { createApp } from '../app.ts'
import { realClock } from '../clock.ts'
import { loadConfig } from '../config.ts'
import { createLogger } from '../logger.ts'
import { createServices, type Services } from '../services.ts'
import { freshPostgresUrl } from '../testing/postgres-test-db.ts'
import { testKey } from '../testing/test-harness.ts'
import { openPostgresCluster } from './postgres-cluster.ts'

type Replica = { services: Services; app: Hono; logs: string[] }

const running: Replica[] = []
let mock: MockUpstream | undefined
afterEach(async () => {
  for (const replica of running.splice(0)) await replica.services.shutdown()
  await mock?.close()
})

async function replica(upstreamUrl: string, databaseUrl: string, env: Record<string, string> = {}) {
  const config = loadConfig(
    {
      ...env,
      API_KEY_ID: testKey.keyId,
      API_KEY_SECRET: testKey.keySecret,
      PERFORMCHAT_API_URL: upstreamUrl,
      DATABASE_URL: databaseUrl,
      UPSTREAM_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'debug',
    },
    mkdtempSync(join(tmpdir(), 'replica-env-')),
  )
  const logs: string[] = []
  const logger = createLogger(config.logLevel, (line) => logs.push(line))
  const cluster = await openPostgresCluster({
    url: databaseUrl,
    logger,
    clock: realClock,
    probeLeaseMs: 3_000,
    retryMs: 100,
  })
  const services = await createServices(config, { logger, cluster })
  services.sync.start()
  const started = { services, app: createApp(services), logs }
  running.push(started)
  return started
}

async function readUntil(response: Response, text: string): Promise<string> {
  const reader = response.body?.getReader()
  if (!reader) throw new Error('no body')
  const decoder = new TextDecoder()
  let seen = ''
  while (!seen.includes(text)) {
    const chunk = await reader.read()
    if (chunk.done) break
    seen += decoder.decode(chunk.value)
  }
  await reader.cancel()
  return seen
}

const ready = async (app: Hono) =>
  (await (await app.request('/api/ready')).json()) as { leader: boolean; status: string }

test('two replicas: one syncs, both serve the same complete mirror, views reach both', async () => {
  mock = await startMockUpstream({ ...testKey, dbOptions: { conversations: 60 } })
  const databaseUrl = await freshPostgresUrl()
  const replicas = [await replica(mock.url, databaseUrl), await replica(mock.url, databaseUrl)]
  // Whether the follower started before the mirror was complete (then the leader's
  // published status tells it) or after (then the store does).
  await vi.waitFor(
    () => expect(replicas.map((r) => r.services.sync.status().complete)).toEqual([true, true]),
    { timeout: 5_000 },
  )
  const answers = await Promise.all(replicas.map((r) => ready(r.app)))
  expect(answers.map((answer) => answer.leader).sort()).toEqual([false, true])
  expect(answers.map((answer) => answer.status)).toEqual(['ready', 'ready'])
  const leader = replicas[answers.findIndex((answer) => answer.leader)]
  const follower = replicas[answers.findIndex((answer) => !answer.leader)]
  if (!leader || !follower) throw new Error('expected a leader and a follower')
  expect(follower.services.limiter.stats().granted).toBe(0)
  for (const { app } of replicas) {
    const page = ConversationPageSchema.parse(
      await (await app.request('/api/conversations')).json(),
    )
    expect(page.pagination.total).toBe(60)
  }

  const events = await follower.app.request('/api/events')
  const saved = await leader.app.request('/api/views', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Everything', query: {} }),
  })
  expect(saved.status).toBe(201)
  expect(await readUntil(events, 'event: views')).toContain('event: views')
  const password = decodeURIComponent(new URL(databaseUrl).password)
  expect(running.flatMap((r) => r.logs).join('\n')).not.toContain(password)
})

test('a replica that started while the first sync ran takes over from the store as it is then', async () => {
  mock = await startMockUpstream({ ...testKey, dbOptions: { conversations: 1500 } })
  mock.faults.set({ latencyMs: 60 })
  const databaseUrl = await freshPostgresUrl()
  const slow = { CRAWL_CONCURRENCY: '1' }
  const first = await replica(mock.url, databaseUrl, slow)
  await vi.waitFor(() => expect(first.services.cluster.isLeader()).toBe(true), { timeout: 5_000 })
  // The second starts while the first sync is still writing pages.
  const second = await replica(mock.url, databaseUrl, slow)
  expect(second.services.sync.status().complete).toBe(false)
  await vi.waitFor(() => expect(second.services.sync.status().complete).toBe(true), {
    timeout: 15_000,
  })
  const seen: boolean[] = []
  second.services.sync.onStatus((status) => seen.push(status.complete))
  await first.services.shutdown()
  running.splice(running.indexOf(first), 1)
  await vi.waitFor(() => expect(second.services.cluster.isLeader()).toBe(true), { timeout: 5_000 })
  await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0))
  // It resumes a complete mirror: it never says it is loading again.
  expect(seen).not.toContain(false)
  expect(second.services.sync.status().loaded).toBe(1500)
})
