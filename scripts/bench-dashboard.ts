// The production build (`dist/server/index.js`) as `npm start` runs it, in a child
// process, on a loopback port chosen here so the benchmark can poll it from the instant
// it is spawned; and its push stream, read as the page reads it.
import type { ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SyncStatusSchema, type SyncStatus } from '../src/lib/contract.ts'
import { freePort } from '../server/testing/free-port.ts'
import { spawnNode, stopChild } from './bench-processes.ts'

export const BUILD = 'npx vite build && npx vite build --ssr server/index.ts --outDir dist/server'

const folders = new Set<string>()

/** A new temporary folder, deleted by removeTemporaryFiles. */
function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix))
  folders.add(folder)
  return folder
}

/** Deletes every folder this module made (a mirror of 100,000 rows is 50 MB). */
export function removeTemporaryFiles(): void {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
  folders.clear()
}

/**
 * The production build, copied once per benchmark: a rebuild of dist/ while the benchmark
 * runs (other work on this machine) would otherwise change the files under the server.
 * The server bundle imports only node: modules, so it runs from anywhere.
 */
let copied: string | undefined
function serverEntry(): string {
  if (!existsSync('dist/server/index.js') || !existsSync('dist/client/index.html')) {
    console.error(`No production build: run \`${BUILD}\` first.`)
    process.exit(1)
  }
  if (copied === undefined) {
    copied = join(temporaryFolder('bench-dist-'), 'dist')
    cpSync('dist', copied, { recursive: true })
  }
  return join(copied, 'server/index.js')
}

/** Exits with a message naming the build command when there is no production build. */
export const requireBuild = (): void => void serverEntry()

/** A DATABASE_URL naming a fresh SQLite file in a new temporary folder. */
export const freshDatabaseUrl = (prefix: string) =>
  `file:${join(temporaryFolder(prefix), 'dashboard.sqlite')}`

export type Dashboard = {
  url: string
  child: ChildProcess
  /** performance.now() when the process was spawned. */
  spawnedAt: number
  /** The last of what it printed, for an error message. */
  output: () => string
  /** Resolves with performance.now() if the process exits (NaN: it did not complete anything). */
  exited: Promise<number>
  stop: () => Promise<void>
}

/** Spawns the server with only `env` (and PATH, HOST, PORT) set: every other setting is the default. */
export async function spawnDashboard(env: Record<string, string>): Promise<Dashboard> {
  const port = await freePort()
  const child = spawnNode([serverEntry()], { HOST: '127.0.0.1', PORT: String(port), ...env }, [
    'ignore',
    'pipe',
    'pipe',
  ])
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
    exited: new Promise((resolve) => child.once('exit', () => resolve(Number.NaN))),
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
  /** How often the server ended the stream while it was read (a page's EventSource reconnects). */
  dropped: () => number
  close: () => void
}

/** Reads GET /api/events (Server-Sent Events) as the page does, reconnecting as EventSource would. */
export function watchStatus(url: string): StatusWatch {
  const seen: StatusWatch['seen'] = []
  const aborted = new AbortController()
  let dropped = 0
  let resolve: (at: number) => void = () => undefined
  const complete = new Promise<number>((done) => (resolve = done))
  const readOnce = async () => {
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
  // A function, not the property: read again after every await.
  const stopped = () => aborted.signal.aborted
  const read = async () => {
    // Gives up after 20 drops: the server is gone, and the process must be able to exit.
    while (!stopped() && dropped < 20) {
      await readOnce().catch((error: unknown) => {
        if (!stopped() && !(error instanceof TypeError)) throw error
      })
      if (stopped()) return
      dropped++
      await new Promise((wait) => setTimeout(wait, 100))
    }
  }
  read().catch((error: unknown) => console.error('reading /api/events failed:', error))
  return { complete, seen, dropped: () => dropped, close: () => aborted.abort() }
}
