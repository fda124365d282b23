import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { expect, test } from 'vitest'
import { loadConfig } from './config.ts'

function dir(files: Record<string, string> = {}) {
  const path = mkdtempSync(join(tmpdir(), 'config-test-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text)
  return path
}

test('every variable has its documented default', () => {
  expect(loadConfig({}, dir())).toEqual({
    apiKey: null,
    upstreamUrl: 'https://api.perform.chat/rest/v1',
    port: 4173,
    host: '127.0.0.1',
    basicAuth: null,
    allowUnauthenticated: false,
    upstreamRatePerMinute: 900,
    upstreamInteractiveShare: 0.2,
    crawlConcurrency: 32,
    databaseUrl: 'file:data/dashboard.sqlite',
    databasePoolMax: 10,
    upstreamMaxTotal: 5_000_000,
    snapshotTtlSeconds: 60,
    upstreamTimeoutMs: 10_000,
    apiRatePerMinute: 600,
    trustProxyHops: 0,
    logLevel: 'info',
  })
})

test('the environment wins over .env.local, which wins over .env', () => {
  const cwd = dir({
    '.env.local': 'PORT=5001\nHOST=10.0.0.1\n',
    '.env': 'PORT=5002\nHOST=10.0.0.2\nLOG_LEVEL=debug\nAPI_KEY_ID=from-dotenv\n',
  })
  const config = loadConfig({ PORT: '5000', API_KEY_SECRET: 's3cret' }, cwd)
  expect(config).toMatchObject({ port: 5000, host: '10.0.0.1', logLevel: 'debug' })
  expect(config.apiKey?.id).toBe('from-dotenv')
  expect(config.apiKey?.secret).toBe('s3cret')
})

test('PORT=0 asks for an ephemeral port', () => {
  expect(loadConfig({ PORT: '0' }, dir()).port).toBe(0)
})

test('rejects bad values with messages naming the variable and the rule', () => {
  const load = () =>
    loadConfig(
      {
        PORT: '70000',
        LOG_LEVEL: 'loud',
        PERFORMCHAT_API_URL: 'ftp://x',
        CRAWL_CONCURRENCY: '2.5',
      },
      dir(),
    )
  expect(load).toThrow('PORT must be an integer between 0 and 65535')
  expect(load).toThrow('LOG_LEVEL must be one of debug, info, warn, error')
  expect(load).toThrow('PERFORMCHAT_API_URL must be an http(s) URL')
  expect(load).toThrow('CRAWL_CONCURRENCY must be an integer between 1 and 64')
  expect(() => loadConfig({ PORT: 'abc' }, dir())).toThrow('PORT must be an integer')
})

test('basic auth needs both the user and the password', () => {
  expect(() => loadConfig({ DASHBOARD_USER: 'ops' }, dir())).toThrow(
    'DASHBOARD_USER and DASHBOARD_PASSWORD must be set together',
  )
  const config = loadConfig({ DASHBOARD_USER: 'ops', DASHBOARD_PASSWORD: 'pw' }, dir())
  expect(config.basicAuth).toEqual({ user: 'ops', password: 'pw' })
})

test('a key needs both halves, and an empty value counts as unset', () => {
  expect(loadConfig({ API_KEY_ID: 'id' }, dir()).apiKey).toBeNull()
  expect(loadConfig({ API_KEY_ID: 'id', API_KEY_SECRET: '' }, dir()).apiKey).toBeNull()
})

test('the trailing slash of the upstream URL is dropped', () => {
  const config = loadConfig({ PERFORMCHAT_API_URL: 'http://127.0.0.1:4010/rest/v1/' }, dir())
  expect(config.upstreamUrl).toBe('http://127.0.0.1:4010/rest/v1')
})

test('printing or serialising the config does not reveal the secret', () => {
  const config = loadConfig({ API_KEY_ID: 'id', API_KEY_SECRET: 'very-secret-value' }, dir())
  expect(JSON.stringify(config)).not.toContain('very-secret-value')
  expect(inspect(config, { depth: 5 })).not.toContain('very-secret-value')
})
