// Loaded by vite.config.ts (ssrLoadModule) so `npm run dev` serves the same /api as
// `npm start`. Without a key it plays perform.chat with the mock upstream in-process
// (demo mode) and keeps the demo's mirror in a throwaway folder of its own, never in
// DATABASE_URL's. Kept on globalThis: a module reload must not start another.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getRequestListener } from '@hono/node-server'
import { demoKey, startMockUpstream } from '../mocks/upstream-server.ts'
import { createApp } from './app.ts'
import { loadConfig, makeApiKey, type Config } from './config.ts'
import { createServices } from './services.ts'

export type DevApi = { listener: ReturnType<typeof getRequestListener>; demo: boolean }

const holder = globalThis as typeof globalThis & { performchatDevApi?: Promise<DevApi> }

async function start(config: Config, demo: boolean): Promise<DevApi> {
  const services = await createServices(config)
  services.sync.start()
  const stop = () => void services.shutdown()
  process.once('exit', stop)
  return { listener: getRequestListener(createApp(services).fetch), demo }
}

async function createDemoApi(config: Config): Promise<DevApi> {
  const mock = await startMockUpstream({ port: 0, dbOptions: { conversations: 2000 } })
  const folder = mkdtempSync(join(tmpdir(), 'performchat-demo-'))
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }))
  const demoConfig: Config = {
    ...config,
    upstreamUrl: mock.url,
    apiKey: makeApiKey(demoKey.keyId, demoKey.keySecret),
    databaseUrl: `file:${join(folder, 'demo.sqlite')}`,
  }
  return start(demoConfig, true)
}

export function createDevApi(): Promise<DevApi> {
  const config = loadConfig()
  holder.performchatDevApi ??= config.apiKey ? start(config, false) : createDemoApi(config)
  return holder.performchatDevApi
}
