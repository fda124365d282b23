import { afterEach, expect, test } from 'vitest'
import { contentSecurityPolicy } from './security-headers.ts'
import { basic, builtAsset, startHarness, type Harness } from '../testing/test-harness.ts'

let harness: Harness | undefined
afterEach(() => harness?.close())

async function start(env: Record<string, string> = {}) {
  harness = await startHarness(env, { client: true })
  return harness
}

const expectHardened = (response: Response) => {
  const headers = response.headers
  expect(headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy)
  expect(headers.get('X-Content-Type-Options')).toBe('nosniff')
  expect(headers.get('Referrer-Policy')).toBe('no-referrer')
  expect(headers.get('X-Frame-Options')).toBe('DENY')
  expect(headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin')
  expect(headers.has('X-Powered-By')).toBe(false)
  expect(headers.has('Strict-Transport-Security')).toBe(false)
}

test('the policy allows no inline script or style and no framing', () => {
  expect(contentSecurityPolicy).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
      "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; " +
      "form-action 'self'; frame-ancestors 'none'",
  )
  expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
})

test.each([
  '/',
  '/conversations/conv_1',
  builtAsset,
  '/favicon.svg',
  '/missing.js',
  '/api/health',
  '/api/conversations?limit=2',
  '/api/conversations?limit=1000',
  '/api/conversations/snapshot',
  '/api/nope',
])('%s carries the security headers', async (path) => {
  const { app } = await start()
  const response = await app.request(path)
  expectHardened(response)
  await response.body?.cancel()
})

test('401 and 429 answers carry them too', async () => {
  const { app, from } = await start({
    DASHBOARD_USER: 'u',
    DASHBOARD_PASSWORD: 'p4ssword',
    API_RATE_PER_MINUTE: '1',
  })
  const unauthorized = await app.request('/')
  expect(unauthorized.status).toBe(401)
  expectHardened(unauthorized)
  const headers = { Authorization: basic('u', 'p4ssword') }
  await from('198.51.100.1', '/api/ready', { headers })
  const limited = await from('198.51.100.1', '/api/ready', { headers })
  expect(limited.status).toBe(429)
  expectHardened(limited)
})

test('hashed assets are cached for a year as immutable', async () => {
  const { app } = await start()
  const response = await app.request(builtAsset)
  expect(response.status).toBe(200)
  expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
})

test.each(['/', '/index.html', '/conversations/conv_1?page=2'])(
  '%s (index.html or the page fallback) is revalidated on every load',
  async (path) => {
    const { app } = await start()
    const response = await app.request(path)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<title>Dashboard</title>')
    expect(response.headers.get('Cache-Control')).toBe('no-cache')
  },
)

test("the tab's icon is cached for a day: Chromium asks for it again at every change of address", async () => {
  const { app } = await start()
  const response = await app.request('/favicon.svg')
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toMatch(/^image\/svg\+xml/)
  expect(response.headers.get('Cache-Control')).toBe('public, max-age=86400')
})

test('API answers, errors included, are never stored', async () => {
  const { app } = await start()
  for (const path of ['/api/health', '/api/conversations?limit=1', '/api/nope']) {
    expect((await app.request(path)).headers.get('Cache-Control'), path).toBe('no-store')
  }
})
