// The production build (`dist/server/index.js`) as `npm start` runs it, in a child
// process, on a loopback port chosen here so the benchmark can poll it from the instant
// it is spawned; and its push stream, read as the page reads it.
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SyncStatusSchema, type SyncStatus } from '../src/lib/contract.ts'
import { freePort, spawnNode, stopChild } from './bench-processes.ts'

export const BUILD = 'npx vite build && npx vite build --ssr server/index.ts --outDir dist/server'

/** Exits with a message naming the build command when there is no production build. */
export function requireBuild(): void {
  if (existsSync('dist/server/index.js') && existsSync('dist/client/index.html')) return
  console.error(`No production build: run \`${BUILD}\` first.`)
  process.exit(1)
}

/** A DATABASE_URL naming a fresh SQLite file in a new temporary folder. */
export const freshDatabaseUrl = (prefix: string) =>
  `file:${join(mkdtempSync(join(tmpdir(), prefix)), 'dashboard.sqlite')}`

export type Dashboard = {
  url: string
  child: ChildProcess
  /** performance.now() when the process was spawned. */
  spawnedAt: number
  /** The last of what it printed, for an error message. */
  output: () => string
  stop: () => Promise<void>
}

/** Spawns the server with only `env` (and PATH, HOST, PORT) set: every other setting is the default. */
export async function spawnDashboard(env: Record<string, string>): Promise<Dashboard> {
  const port = await freePort()
  const child = spawnNode(
    ['dist/server/index.js'],
    { HOST: '127.0.0.1', PORT: String(port), ...env },
    ['ignore', 'pipe', 'pipe'],
  )
  const spawnedAt = performance.now()
  let output = ''
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000))
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    spawnedAt,
    output: () => output,
    stop: () => stopChild(child),
  }
}

/** Asks `url` every `everyMs` until it answers 200; performance.now() of that answer. */
export async function pollUntilOk(dashboard: Dashboard, path: string, everyMs: number) {
  const deadline = performance.now() + 60_000
  while (performance.now() < deadline) {
    if (dashboard.child.exitCode !== null) break
    const ok = await fetch(dashboard.url + path).then(
      async (response) => (await response.arrayBuffer(), response.ok),
      () => false,
    )
    if (ok) return performance.now()
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  throw new Error(`${path} never answered 200; the server printed:\n${dashboard.output()}`)
}

export type StatusWatch = {
  /** performance.now() of the first status saying the list is complete. */
  complete: Promise<number>
  /** Every status received, with when. */
  seen: { at: number; status: SyncStatus }[]
  close: () => void
}

/** Reads GET /api/events (Server-Sent Events) as the page does. */
export function watchStatus(url: string): StatusWatch {
  const seen: StatusWatch['seen'] = []
  const aborted = new AbortController()
  let resolve: (at: number) => void = () => undefined
  const complete = new Promise<number>((done) => (resolve = done))
  const read = async () => {
    const response = await fetch(`${url}/api/events`, { signal: aborted.signal })
    if (!response.ok || !response.body) throw new Error(`/api/events answered ${response.status}`)
    let pending = ''
    for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
      pending += chunk
      const events = pending.split('\n\n')
      pending = events.pop() ?? ''
      for (const event of events) {
        const data = /^event: status\ndata: (.*)$/m.exec(event)?.[1]
        if (data === undefined) continue
        const status = SyncStatusSchema.parse(JSON.parse(data))
        const at = performance.now()
        seen.push({ at, status })
        if (status.complete) resolve(at)
      }
    }
  }
  read().catch((error: unknown) => {
    if (!aborted.signal.aborted) console.error('reading /api/events failed:', error)
  })
  return { complete, seen, close: () => aborted.abort() }
}
