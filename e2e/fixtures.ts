import { test as base, expect } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { FaultSettings } from '../mocks/faults.ts'
import { startMockUpstream, type MockUpstream } from '../mocks/upstream-server.ts'

export type MockOptions = Parameters<typeof startMockUpstream>[0]

export type DashboardServer = {
  url: string
  output: () => string
  stop: () => Promise<void>
  /** Ends the process at once, as a crash or an OOM kill would (SIGKILL). */
  kill: () => Promise<void>
}

/** A mirror of its own for a test: a fresh SQLite file in a temporary folder. */
export const freshDatabaseUrl = () =>
  `file:${join(mkdtempSync(join(tmpdir(), 'e2e-mirror-')), 'dashboard.sqlite')}`

export const KEY = { id: 'e2e-key-id', secret: 'e2e-key-secret-7f3a9c' }

/** Starts the production build (`dist/server`) as `npm start` would, on an ephemeral port. */
export async function startDashboard(env: Record<string, string>): Promise<DashboardServer> {
  const child: ChildProcess = spawn(process.execPath, ['dist/server/index.js'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATABASE_URL: freshDatabaseUrl(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout ?? process.stdin })
    lines.on('line', (line) => {
      output += line + '\n'
      const match = /listening on (http:\/\/\S+)/.exec(line)
      if (match?.[1]) resolve(match[1])
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.on('exit', () => resolve())
      child.kill(signal)
    })
  return { url, output: () => output, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') }
}

type Fixtures = {
  mockOptions: MockOptions
  /** Faults the mock has from the start, so the server's first sync meets them too. */
  upstreamFaults: FaultSettings
  serverEnv: Record<string, string>
  upstream: MockUpstream
  dashboard: DashboardServer
}

/**
 * Every test gets its own mock upstream and its own production server, so faults,
 * cool-downs and snapshots never leak between tests. Nothing is mocked between the
 * browser and our server.
 */
export const test = base.extend<Fixtures>({
  mockOptions: [{}, { option: true }],
  upstreamFaults: [{}, { option: true }],
  serverEnv: [{}, { option: true }],
  upstream: async ({ mockOptions, upstreamFaults }, use) => {
    const upstream = await startMockUpstream({
      keyId: KEY.id,
      keySecret: KEY.secret,
      ...mockOptions,
    })
    upstream.faults.set(upstreamFaults)
    await use(upstream)
    await upstream.close()
  },
  dashboard: async ({ upstream, serverEnv }, use) => {
    const dashboard = await startDashboard({
      API_KEY_ID: KEY.id,
      API_KEY_SECRET: KEY.secret,
      PERFORMCHAT_API_URL: upstream.url,
      ...serverEnv,
    })
    await use(dashboard)
    await dashboard.stop()
  },
  baseURL: async ({ dashboard }, use) => {
    await use(dashboard.url)
  },
})

export { expect }
