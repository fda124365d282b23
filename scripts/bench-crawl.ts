// `npm run bench:crawl [-- --quick]`: how fast the server's shared crawl delivers the
// whole list, against the mock perform.chat in its own process over loopback HTTP.
// (a) 10,000 conversations, 50 ms per upstream request: our server (real createApp and
//     createServices, the snapshot streamed to the end) vs the seed's sequential loop,
//     median of 3 rounds (the machine's load moves single runs a lot; it is printed).
// (b) 100,000 conversations (1,000 pages) under the key's 1000/min: time vs the floor set
//     by our crawl budget, and how many 429s perform.chat would have answered.
import { serve } from '@hono/node-server'
import { mkdtempSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { demoKey } from '../mocks/upstream-server.ts'
import { ConversationListSchema, ConversationSnapshotLineSchema } from '../src/lib/contract.ts'
import { createApp } from '../server/app.ts'
import { loadConfig } from '../server/config.ts'
import { createLogger } from '../server/logger.ts'
import { createServices } from '../server/services.ts'
import { createUpstreamClient } from '../server/upstream/client.ts'
import { freePort, startChild, stopChildren } from './bench-processes.ts'

const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false } } })
const latencyMs = 50

/** The mock in a child process, so its work does not share a CPU thread with our server. */
async function startMock(conversations: number) {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/rest/v1`
  const control = `http://127.0.0.1:${port}/__control/`
  const child = await startChild(
    ['mocks/mock-upstream.ts', '--port', String(port), '--conversations', String(conversations)],
    {},
    `${control}stats`,
  )
  const post = (path: string, body: unknown) =>
    fetch(new URL(path, control), { method: 'POST', body: JSON.stringify(body) })
  return {
    url,
    faults: (settings: object) => post('faults', settings),
    stats: async () => {
      const answer = await fetch(new URL('stats', control))
      return (await answer.json()) as { requests: number; byStatus: Record<string, number> }
    },
    stop: () => child.kill('SIGTERM'),
  }
}

/** Our real server on a loopback port, configured as `npm start` would be, defaults included. */
async function startServer(upstreamUrl: string) {
  const env = {
    API_KEY_ID: demoKey.keyId,
    API_KEY_SECRET: demoKey.keySecret,
    PERFORMCHAT_API_URL: upstreamUrl,
  }
  const config = loadConfig(env, mkdtempSync(join(tmpdir(), 'bench-crawl-')))
  const services = createServices(config, { logger: createLogger('warn') })
  const server = serve({ fetch: createApp(services).fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return { config, services, url: `http://127.0.0.1:${port}`, close: () => server.close() }
}

/** Streams the snapshot to its end line, as a browser does. */
async function readSnapshot(serverUrl: string) {
  const started = performance.now()
  const response = await fetch(`${serverUrl}/api/conversations/snapshot`)
  if (!response.ok || !response.body) throw new Error(`snapshot answered HTTP ${response.status}`)
  const ids = new Set<string>()
  let firstRowsMs: number | undefined
  let waits = 0
  let complete = false
  let pending = ''
  for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const text of lines) {
      const line = ConversationSnapshotLineSchema.parse(JSON.parse(text))
      if (line.type === 'rows') {
        firstRowsMs ??= performance.now() - started
        for (const row of line.rows) ids.add(row.id)
      }
      if (line.type === 'wait') waits++
      if (line.type === 'error') throw new Error(`${line.error.code}: ${line.error.message}`)
      if (line.type === 'end') complete = line.complete
    }
  }
  return {
    ms: performance.now() - started,
    firstRowsMs: firstRowsMs ?? 0,
    rows: ids.size,
    waits,
    complete,
  }
}

/** The seed's loop: limit 100, one page after another, straight to the mock. */
async function sequentialCrawl(upstreamUrl: string) {
  const started = performance.now()
  const upstream = createUpstreamClient({ baseUrl: upstreamUrl, ...demoKey, timeoutMs: 10_000 })
  let rows = 0
  for (let page = 1; ; page++) {
    const list = await upstream.get('/conversations', {
      query: { page, limit: 100 },
      schema: ConversationListSchema,
    })
    rows += list.data.length
    if (page >= list.pagination.total_pages) break
  }
  return { ms: performance.now() - started, rows }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

const rounds = 3
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

async function benchA() {
  const mock = await startMock(10_000)
  await mock.faults({ latencyMs })
  const seedMs: number[] = []
  const oursMs: number[] = []
  let concurrency = 0
  console.log(`(a) 10,000 conversations, ${latencyMs} ms upstream latency, ${rounds} rounds`)
  for (let round = 1; round <= rounds; round++) {
    const seed = await sequentialCrawl(mock.url)
    // A fresh server each round: a warm one would serve its snapshot without crawling.
    const server = await startServer(mock.url)
    const ours = await readSnapshot(server.url)
    server.close()
    concurrency = server.config.crawlConcurrency
    seedMs.push(seed.ms)
    oursMs.push(ours.ms)
    console.log(
      `    round ${round}: seed (sequential pages) ${seconds(seed.ms)}, ${seed.rows} rows; ` +
        `our server ${seconds(ours.ms)}, ${ours.rows} rows, first rows after ${Math.round(ours.firstRowsMs)} ms, complete=${ours.complete}`,
    )
  }
  const stats = await mock.stats()
  mock.stop()
  const ratio = median(seedMs) / median(oursMs)
  console.log(
    `    median: seed ${seconds(median(seedMs))}, our server ${seconds(median(oursMs))} (CRAWL_CONCURRENCY=${concurrency})`,
  )
  console.log(
    `    speed-up: ${ratio.toFixed(1)}× (target ≥ 6×)  upstream requests: ${stats.requests}, 429s: ${stats.byStatus['429'] ?? 0}`,
  )
  return ratio >= 6 && !stats.byStatus['429']
}

async function benchB() {
  const mock = await startMock(100_000)
  await mock.faults({ latencyMs })
  const server = await startServer(mock.url)
  const { upstreamRatePerMinute: rate, upstreamInteractiveShare: share } = server.config
  const budget = Math.floor(rate * (1 - share))
  const pages = 1000
  const floorMs = (Math.ceil(pages / budget) - 1) * 60_000
  const ours = await readSnapshot(server.url)
  const stats = await mock.stats()
  const limiter = server.services.limiter.stats()
  server.close()
  mock.stop()
  const over = ours.ms / floorMs - 1
  console.log(
    `(b) 100,000 conversations (${pages} pages), upstream limit 1000/min, ours ${rate}/min with share ${share} → ${budget}/min for the crawl`,
  )
  console.log(
    `    our server, whole snapshot: ${seconds(ours.ms)} (${ours.rows} rows, complete=${ours.complete}, ${ours.waits} "rate limit" notices streamed)`,
  )
  console.log(
    `    floor (⌈${pages} ÷ ${budget}⌉ − 1) × 60 s = ${seconds(floorMs)}; over the floor by ${(over * 100).toFixed(1)}% (target ≤ 10%)`,
  )
  console.log(
    `    upstream requests: ${stats.requests}, 429s: ${stats.byStatus['429'] ?? 0}; limiter granted ${limiter.granted}, waited ${seconds(limiter.waitedMs)} in all`,
  )
  return over <= 0.1 && !stats.byStatus['429']
}

console.log(
  `load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`,
)
try {
  const okA = await benchA()
  const okB = args.quick ? true : await benchB()
  console.log(okA && okB ? 'targets met' : 'TARGETS MISSED')
} finally {
  stopChildren()
}
