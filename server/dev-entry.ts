// Loaded by vite.config.ts (ssrLoadModule) so `npm run dev` serves the same /api as
// `npm start`. Without a key it plays perform.chat with the mock upstream in-process
// (demo mode). The mock is kept on globalThis: a module reload must not start another.
import { getRequestListener } from '@hono/node-server'
import { demoKey, startMockUpstream, type MockUpstream } from '../mocks/upstream-server.ts'
import { createApp } from './app.ts'
import { loadConfig, makeApiKey } from './config.ts'
import { createServices } from './services.ts'

export type DevApi = { listener: ReturnType<typeof getRequestListener>; demo: boolean }

const holder = globalThis as typeof globalThis & { performchatDemoUpstream?: Promise<MockUpstream> }

export async function createDevApi(): Promise<DevApi> {
  const config = loadConfig()
  if (config.apiKey) {
    return { listener: getRequestListener(createApp(createServices(config)).fetch), demo: false }
  }
  holder.performchatDemoUpstream ??= startMockUpstream({
    port: 0,
    dbOptions: { conversations: 2000 },
  })
  const mock = await holder.performchatDemoUpstream
  const demoConfig = {
    ...config,
    upstreamUrl: mock.url,
    apiKey: makeApiKey(demoKey.keyId, demoKey.keySecret),
  }
  return { listener: getRequestListener(createApp(createServices(demoConfig)).fetch), demo: true }
}
