// `npm run bench:server`: what our server costs per list request, answered from its mirror
// of 10,000 conversations, on loopback. The production build runs in its own process,
// filled from the mock perform.chat (another process) before anything is measured;
// API_RATE_PER_MINUTE is raised so the per-client limit is not what gets measured, and
// SNAPSHOT_TTL_SECONDS so no background refresh runs during the measurement.
// (a) latency at 300 requests/s for 10 s, one connection;
// (b) throughput with 100 connections for 10 s; errors, CPU, memory.
// Each for the default page and for a filtered, sorted one.
// Build first: npx vite build && npx vite build --ssr server/index.ts --outDir dist/server
import autocannon, { type Options } from 'autocannon'
import type { ChildProcess } from 'node:child_process'
import {
  freshDatabaseUrl,
  pollUntilOk,
  removeTemporaryFiles,
  requireBuild,
  spawnDashboard,
} from './bench-dashboard.ts'
import { startMock } from './bench-mock.ts'
import { cpuSeconds, memoryMb, stopChildren } from './bench-processes.ts'
import { load, quantile } from './bench-report.ts'

const RATE = 300
const SECONDS = 10
const CONNECTIONS = 100
const CONVERSATIONS = 10_000
const TARGET = { p99Ms: 50 }
const QUERIES = {
  'default page': '/api/conversations?page=1&limit=20',
  'title + customer filter, sorted by title':
    '/api/conversations?page=2&limit=20&q=invoice&customer=an&sort=title',
}

async function run(options: Options, server: ChildProcess) {
  const times: number[] = []
  const cpuBefore = cpuSeconds(server)
  const instance = autocannon({ timeout: 10, ...options })
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms))
  const result = await instance
  return {
    rps: result.requests.average,
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    total: result.requests.total,
    // autocannon counts a timeout among its errors too.
    failed: result.non2xx + result.errors,
    failures: [
      ...Object.entries(result.statusCodeStats)
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, { count }]) => `${count}× HTTP ${code}`),
      ...(result.timeouts ? [`${result.timeouts} timeouts (10 s)`] : []),
      ...(result.errors - result.timeouts > 0 ? [`${result.errors - result.timeouts} errors`] : []),
    ],
    cores: (cpuSeconds(server) - cpuBefore) / result.duration,
  }
}

const num = (value: number, digits = 2) => value.toFixed(digits).padStart(8)
const table = (rows: (string | number)[][]) => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)))
  for (const r of rows)
    console.log(`  ${r.map((cell, i) => String(cell).padEnd(widths?.[i] ?? 0)).join('  ')}`)
}

requireBuild()
try {
  const mock = await startMock(CONVERSATIONS, { ratePerMinute: 100_000_000 })
  const server = await spawnDashboard({
    API_KEY_ID: mock.key.keyId,
    API_KEY_SECRET: mock.key.keySecret,
    PERFORMCHAT_API_URL: mock.url,
    DATABASE_URL: freshDatabaseUrl('bench-server-'),
    API_RATE_PER_MINUTE: '1000000',
    SNAPSHOT_TTL_SECONDS: '3600',
  })
  // 503 until the mirror holds the whole list.
  await pollUntilOk(server, '/api/ready', 50)
  console.log(
    `bench:server: production build, mirror of ${CONVERSATIONS.toLocaleString('en-US')} conversations (SQLite), loopback;\n` +
      `  autocannon, the server and the mock share the machine's cores. LOG_LEVEL=info: a JSON log line per request.  [${load()}]\n`,
  )
  const rows: (string | number)[][] = []
  let met = true
  const slow: string[] = []
  const failures: string[] = []
  for (const [name, path] of Object.entries(QUERIES)) {
    const url = server.url + path
    await run({ url, duration: 2, connections: 1, overallRate: RATE }, server.child)
    // One connection: autocannon releases each connection's share of the rate at the start
    // of every second, so ten connections would arrive as bursts of ten and measure queueing.
    const fixed = await run(
      { url, duration: SECONDS, connections: 1, overallRate: RATE },
      server.child,
    )
    const busy = await run({ url, duration: SECONDS, connections: CONNECTIONS }, server.child)
    met &&= fixed.p99 <= TARGET.p99Ms && fixed.failed + busy.failed === 0
    if (fixed.rps < RATE * 0.95) slow.push(name)
    for (const [how, r] of [
      [`${RATE}/s`, fixed],
      [`${CONNECTIONS} conn.`, busy],
    ] as const)
      if (r.failures.length > 0) failures.push(`${name}, ${how}: ${r.failures.join(', ')}`)
    rows.push(
      [
        `${name}, ${RATE}/s`,
        num(fixed.rps, 0),
        num(fixed.p50),
        num(fixed.p99),
        fixed.failed,
        num(fixed.cores),
      ],
      [
        `${name}, ${CONNECTIONS} conn.`,
        num(busy.rps, 0),
        num(busy.p50),
        num(busy.p99),
        busy.failed,
        num(busy.cores),
      ],
    )
  }
  console.log(`GET ${Object.values(QUERIES).join(' and ')}, ${SECONDS} s each`)
  table([['', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'server CPU'], ...rows])
  console.log(
    `  server RSS now ${memoryMb(server.child, 'VmRSS')} MB, peak ${memoryMb(server.child, 'VmHWM')} MB  [${load()}]`,
  )
  console.log(`  targets: p99 ≤ ${TARGET.p99Ms} ms at ${RATE}/s, no errors (CPU: 1.00 = one core)`)
  if (slow.length > 0)
    console.log(
      `  below ${RATE}/s on one connection (each request waits for the answer before it): ${slow.join(', ')}`,
    )
  if (failures.length > 0) console.log(`  failures: ${failures.join('; ')}`)
  console.log(met ? '\ntargets met' : '\nTARGETS MISSED')
} finally {
  stopChildren()
  removeTemporaryFiles()
}
