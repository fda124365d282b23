// `npm run bench:server`: what our server costs per request, on loopback. The mock
// perform.chat and our server each run in their own child process, apart from autocannon,
// with the mock's rate limit, our upstream limiter and our per-client limit raised so that
// none of them is what gets measured.
// (a) latency at 300 requests/s for 10 s: our pass-through route vs the mock called
//     directly (GET with the key in the JSON body), same run, same rate;
// (b) throughput with 100 connections for 10 s: the pass-through route, and the complete
//     snapshot of 10,000 conversations; errors, CPU used, our server's memory afterwards.
import autocannon, { type Options } from 'autocannon'
import type { ChildProcess } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { demoKey } from '../mocks/upstream-server.ts'
import { cpuSeconds, freePort, memoryMb, startChild, stopChildren } from './bench-processes.ts'

const rate = 300
const seconds = 10
const connections = 100
const conversations = 10_000
const passThrough = '/conversations?page=1&limit=20'

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN

async function run(options: Options, watched: ChildProcess[] = []) {
  const times: number[] = []
  const cpuBefore = watched.map(cpuSeconds)
  const ownBefore = process.cpuUsage()
  const instance = autocannon({ timeout: 10, ...options })
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms))
  const result = await instance
  times.sort((a, b) => a - b)
  const own = process.cpuUsage(ownBefore)
  return {
    rps: result.requests.average,
    mbps: result.throughput.average / 1e6,
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    total: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
    cores: watched.map((child, i) => (cpuSeconds(child) - (cpuBefore[i] ?? 0)) / result.duration),
    loadCores: (own.user + own.system) / 1e6 / result.duration,
  }
}

const num = (value: number, width = 7, digits = 2) => value.toFixed(digits).padStart(width)
const table = (rows: (string | number)[][]) => {
  const widths =
    rows[0]?.map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length))) ?? []
  for (const r of rows)
    console.log(`  ${r.map((cell, i) => String(cell).padEnd(widths[i] ?? 0)).join('  ')}`)
}

try {
  const mockPort = await freePort()
  const mockUrl = `http://127.0.0.1:${mockPort}/rest/v1`
  const mock = await startChild(
    [
      'mocks/mock-upstream.ts',
      '--port',
      String(mockPort),
      '--conversations',
      String(conversations),
      '--rate-per-minute',
      '100000000',
    ],
    {},
    `http://127.0.0.1:${mockPort}/__control/stats`,
  )
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = await startChild(
    ['scripts/bench-server-target.ts'],
    {
      API_KEY_ID: demoKey.keyId,
      API_KEY_SECRET: demoKey.keySecret,
      PERFORMCHAT_API_URL: mockUrl,
      PORT: String(port),
      API_RATE_PER_MINUTE: '1000000',
      BENCH_UPSTREAM_RATE_PER_MINUTE: '100000000',
      SNAPSHOT_TTL_SECONDS: '3600',
      LOG_LEVEL: 'info',
    },
    `${base}/api/health`,
  )
  const direct: Options = {
    url: `${mockUrl}${passThrough}`,
    body: JSON.stringify(demoKey),
    headers: { 'Content-Type': 'application/json' },
  }
  const ours: Options = { url: `${base}/api${passThrough}` }
  console.log(
    `bench:server: loopback, ${availableParallelism()} CPU cores shared by the mock, our server and autocannon.\n` +
      "Raised for this run: the mock's rate limit, our upstream limiter (UPSTREAM_RATE_PER_MINUTE, at most 1000\n" +
      'in production) and API_RATE_PER_MINUTE. LOG_LEVEL=info: every request writes its JSON log line.\n',
  )

  // Warm-up: JIT, kept-alive sockets to the mock, and the crawl behind the snapshot.
  await run({ ...direct, overallRate: rate, duration: 2, connections: 1 })
  await run({ ...ours, overallRate: rate, duration: 2, connections: 1 })
  await (await fetch(`${base}/api/conversations/snapshot`)).text()

  // One connection: autocannon releases each connection's share of the rate at the start of
  // every second, so ten connections would arrive as bursts of ten and measure queueing.
  const fixed = { overallRate: rate, duration: seconds, connections: 1 }
  const a1 = await run({ ...direct, ...fixed })
  const a2 = await run({ ...ours, ...fixed })
  const added = { p50: a2.p50 - a1.p50, p99: a2.p99 - a1.p99 }
  console.log(`(a) latency at ${rate} requests/s for ${seconds} s, GET ${passThrough}, in ms`)
  table([
    ['', 'p50', 'p99', 'requests', 'errors'],
    ['mock, called directly', num(a1.p50), num(a1.p99), a1.total, a1.failed],
    ['through our server', num(a2.p50), num(a2.p99), a2.total, a2.failed],
    ['added by our server', num(added.p50), num(added.p99), '', ''],
  ])
  console.log('  targets: p50 added ≤ 1 ms, p99 added ≤ 5 ms, no errors\n')

  const load = { duration: seconds, connections }
  const b1 = await run({ ...direct, ...load }, [mock])
  const b2 = await run({ ...ours, ...load }, [mock, server])
  const rssAfterPassThrough = memoryMb(server, 'VmRSS')
  // A 1.9 MB stream among 100 at once can take longer than autocannon's default 10 s.
  const snapshot = { url: `${base}/api/conversations/snapshot`, ...load, timeout: 60 }
  const b3 = await run(snapshot, [mock, server])
  // What browsers ask for: the same snapshot, gzip-compressed.
  const b4 = await run({ ...snapshot, headers: { 'Accept-Encoding': 'gzip' } }, [mock, server])
  console.log(`(b) throughput, ${connections} connections for ${seconds} s (CPU: 1.00 = one core)`)
  type Run = Awaited<ReturnType<typeof run>>
  const line = (name: string, r: Run, rss: string) => {
    const [mockCores = 0, ourCores] = r.cores
    const server = ourCores === undefined ? '' : num(ourCores)
    const figures = [num(r.rps, 6, 0), num(r.mbps, 6, 1), num(r.p50), num(r.p99), r.failed]
    return [name, ...figures, num(r.loadCores), num(mockCores), server, rss]
  }
  const cpu = ['autocannon CPU', 'mock CPU', 'our CPU']
  table([
    ['', 'req/s', 'MB/s', 'p50 ms', 'p99 ms', 'errors', ...cpu, 'our RSS'],
    line('pass-through, mock called directly', b1, ''),
    line('pass-through, through our server', b2, `${rssAfterPassThrough} MB`),
    line(`snapshot of ${conversations} conversations`, b3, ''),
    line(`snapshot, gzip (as browsers ask)`, b4, `${memoryMb(server, 'VmRSS')} MB`),
  ])
  console.log(`  our server's peak RSS over the run: ${memoryMb(server, 'VmHWM')} MB`)
  const busiest = (r: Run) => {
    const [mockCores = 0, ourCores = 0] = r.cores
    const most = Math.max(r.loadCores, mockCores, ourCores)
    return most === ourCores ? 'our server' : most === mockCores ? 'the mock' : 'autocannon'
  }
  console.log(
    `  busiest process: pass-through ${busiest(b2)}, snapshot ${busiest(b3)}, gzip ${busiest(b4)}`,
  )
  const failures = a1.failed + a2.failed + b1.failed + b2.failed + b3.failed + b4.failed
  const met = added.p50 <= 1 && added.p99 <= 5 && failures === 0
  console.log(met ? '\ntargets met' : '\nTARGETS MISSED')
} finally {
  stopChildren()
}
