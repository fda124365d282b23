// Test-only wiring shared by the server's tests: a mock perform.chat on loopback, the real
// app over it (with a built client in a temporary dist/ when a test needs pages), and
// every log line captured.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { startMockUpstream, type MockUpstream } from '../../mocks/upstream-server.ts'
import { createApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { createLogger } from '../logger.ts'
import { createServices, type Services } from '../services.ts'
import { serveClient } from '../http/static.ts'

export const testKey = { keyId: 'harness-key-id', keySecret: 'harness-secret-3d9a77c1' }
export const builtAsset = '/assets/index-Ab12Cd34.js'

const emptyDir = mkdtempSync(join(tmpdir(), 'harness-'))

/** A dist/client as `vite build` leaves it: index.html, one hashed script, an icon. */
function builtClient(): string {
  const root = mkdtempSync(join(tmpdir(), 'harness-client-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(
    join(root, 'index.html'),
    `<!doctype html><title>Dashboard</title><script type="module" src="${builtAsset}"></script>`,
  )
  writeFileSync(join(root, builtAsset), `console.log(${JSON.stringify('x'.repeat(4000))})\n`)
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  return root
}

export type Harness = {
  mock: MockUpstream
  app: Hono
  services: Services
  logs: string[]
  /** Stops the sync and the mock, closes the store. */
  close: () => Promise<void>
  /** A request as if from this socket address (what getConnInfo reads). */
  from: (address: string, path: string, init?: RequestInit) => Promise<Response>
}

export async function startHarness(
  env: Record<string, string> = {},
  options: {
    conversations?: number
    client?: boolean
    overrides?: Parameters<typeof createServices>[1]
    /** Start the sync at once, as the server does (default true). */
    sync?: boolean
  } = {},
): Promise<Harness> {
  const mock = await startMockUpstream({
    ...testKey,
    dbOptions: { conversations: options.conversations ?? 50 },
  })
  const config = loadConfig(
    {
      API_KEY_ID: testKey.keyId,
      API_KEY_SECRET: testKey.keySecret,
      PERFORMCHAT_API_URL: mock.url,
      UPSTREAM_TIMEOUT_MS: '300',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'file::memory:',
      ...env,
    },
    emptyDir,
  )
  const logs: string[] = []
  // Unlike the real server's, this logger scrubs no secret: a test that asserts the key
  // or a password never reaches a log line must see it if some code path writes it.
  const logger = createLogger(config.logLevel, (line) => logs.push(line))
  const services = await createServices(config, { logger, ...options.overrides })
  if (options.sync !== false) services.sync.start()
  const app = createApp(services)
  if (options.client) serveClient(app, builtClient())
  const from = (address: string, path: string, init?: RequestInit) =>
    Promise.resolve(
      app.request(path, init, { incoming: { socket: { remoteAddress: address, remotePort: 1 } } }),
    )
  const close = async () => {
    await services.shutdown()
    await mock.close()
  }
  return { mock, app, services, logs, from, close }
}

export const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`

/** Resolves once the sync reports a complete mirror (the first pass has ended). */
export function untilSynced(services: Services): Promise<void> {
  return new Promise((resolve) => {
    if (services.sync.status().complete) return resolve()
    const stop = services.sync.onStatus((status) => {
      if (!status.complete) return
      stop()
      resolve()
    })
  })
}
