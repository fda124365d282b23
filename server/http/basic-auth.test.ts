import { afterEach, expect, test } from 'vitest'
import { createFakeClock } from '../clock.ts'
import { challenge, readBasicCredentials } from './basic-auth.ts'
import { basic, builtAsset, startHarness, type Harness } from '../testing/test-harness.ts'

const auth = { DASHBOARD_USER: 'support', DASHBOARD_PASSWORD: 'correct horse battery staple' }
const good = basic('support', 'correct horse battery staple')
let harness: Harness | undefined
type HarnessOptions = NonNullable<Parameters<typeof startHarness>[1]>

afterEach(() => harness?.close())

async function start(env: Record<string, string> = auth, options: HarnessOptions = {}) {
  harness = await startHarness(env, { client: true, sync: false, ...options })
  return harness
}

const protectedPaths = [
  '/',
  '/index.html',
  '/conversations/conv_1',
  '/favicon.svg',
  builtAsset,
  '/api/conversations',
  '/api/conversations/conv_1',
  '/api/conversations/conv_1/messages',
  '/api/conversations/export.csv',
  '/api/conversations/changes?since=0',
  '/api/events',
  '/api/customers?q=a',
  '/api/ready',
  '/api/nope',
  '/api',
  '//api/health',
  '/api/health/',
  '/API/health',
]

test.each(protectedPaths)(
  '%s answers 401 with a Basic challenge and no upstream call',
  async (path) => {
    const { app, mock } = await start()
    const response = await app.request(path)
    expect(response.status).toBe(401)
    expect(response.headers.get('WWW-Authenticate')).toBe(challenge)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(await response.text()).not.toContain('Dashboard')
    expect(mock.stats().requests).toBe(0)
  },
)

test('the right user and password open pages, assets and the API', async () => {
  const { app } = await start()
  for (const path of ['/', '/conversations/conv_1', builtAsset, '/api/conversations?limit=2']) {
    const response = await app.request(path, { headers: { Authorization: good } })
    expect(response.status, path).toBe(200)
  }
})

test.each([
  ['a wrong password', basic('support', 'correct horse battery stapl')],
  ['a longer password', basic('support', 'correct horse battery staple!')],
  ['a wrong user', basic('Support', 'correct horse battery staple')],
  ['no colon', `Basic ${Buffer.from('support').toString('base64')}`],
  ['another scheme', 'Bearer correct horse battery staple'],
  ['garbage', 'Basic %%%'],
])('%s is refused', async (_, header) => {
  const { app } = await start()
  const response = await app.request('/api/conversations', { headers: { Authorization: header } })
  expect(response.status).toBe(401)
  expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } })
})

test('a UTF-8 password with a colon in it works', async () => {
  const { app } = await start({ DASHBOARD_USER: 'équipe', DASHBOARD_PASSWORD: 'mot:de☃passe' })
  const ok = await app.request('/api/conversations?limit=1', {
    headers: { Authorization: basic('équipe', 'mot:de☃passe') },
  })
  expect(ok.status).toBe(200)
  expect(readBasicCredentials(basic('équipe', 'mot:de☃passe'))).toEqual({
    user: 'équipe',
    password: 'mot:de☃passe',
  })
})

test('/api/health stays open and calls nobody', async () => {
  const { app, mock } = await start()
  const response = await app.request('/api/health')
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({ status: 'ok' })
  expect(mock.stats().requests).toBe(0)
})

test('/api/ready is behind auth and reports what was seen without calling upstream', async () => {
  const { app, mock } = await start()
  expect((await app.request('/api/ready')).status).toBe(401)
  const ready = await app.request('/api/ready', { headers: { Authorization: good } })
  expect(await ready.json()).toMatchObject({ upstream: 'unknown', mirror_age_seconds: null })
  expect(mock.stats().requests).toBe(0)
})

test('without DASHBOARD_USER the dashboard is open', async () => {
  const { app } = await start({})
  expect((await app.request('/api/conversations?limit=1')).status).toBe(200)
  expect((await app.request('/')).status).toBe(200)
})

test('after 25 wrong passwords from an address, the right one opens pages at once', async () => {
  const clock = createFakeClock()
  // No sync: the fake clock must move for the held answers alone.
  const { from } = await start(auth, { overrides: { clock }, sync: false })
  const wrong = { headers: { Authorization: basic('support', 'guess') } }
  for (let i = 0; i < 25; i++) {
    const refused = await clock.runUntil(from('203.0.113.9', '/api/ready', wrong))
    expect(refused.status).toBe(401)
  }
  const before = clock.now()
  const right = await clock.runUntil(from('203.0.113.9', '/', { headers: { Authorization: good } }))
  expect(right.status).toBe(200)
  expect(clock.now()).toBe(before)
})

test('the password appears in no response and no log line', async () => {
  const { app, logs } = await start()
  const wrong = { headers: { Authorization: basic('support', 'correct horse') } }
  const answers = await Promise.all([
    app.request('/api/conversations', wrong),
    app.request('/', wrong),
    app.request('/api/ready', { headers: { Authorization: good } }),
  ])
  for (const response of answers) {
    const text = `${JSON.stringify([...response.headers])}${await response.text()}`
    expect(text).not.toContain(auth.DASHBOARD_PASSWORD)
  }
  expect(logs.length).toBeGreaterThan(0)
  expect(logs.join('\n')).not.toContain('correct horse')
})
