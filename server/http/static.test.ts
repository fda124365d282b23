import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { expect, test } from 'vitest'
import { clientDirectory, serveClient } from './static.ts'

const big = `export const words = ${JSON.stringify('refund '.repeat(400))}`

function built() {
  const dist = mkdtempSync(join(tmpdir(), 'static-test-'))
  mkdirSync(join(dist, 'client', 'assets'), { recursive: true })
  mkdirSync(join(dist, 'server'))
  writeFileSync(join(dist, 'client', 'index.html'), '<!doctype html><title>Dashboard</title>')
  writeFileSync(join(dist, 'client', 'assets', 'app-123.js'), 'console.log(1)')
  writeFileSync(join(dist, 'client', 'assets', 'app-123.js.map'), '{}')
  writeFileSync(join(dist, 'client', 'assets', 'big-456.js'), big)
  writeFileSync(join(dist, 'client', 'assets', 'big-456.js.br'), brotliCompressSync(big))
  writeFileSync(join(dist, 'client', 'assets', 'big-456.js.gz'), gzipSync(big))
  writeFileSync(join(dist, 'server', 'index.js'), 'const secret = 1')
  const app = new Hono()
  app.all('/api/*', (c) => c.json({ error: { code: 'not_found', message: 'no' } }, 404))
  serveClient(app, clientDirectory(pathToFileURL(join(dist, 'server', 'index.js')).href))
  return app
}

test('serves the built files, hashed assets cached for good', async () => {
  const response = await built().request('/assets/app-123.js')
  expect(response.status).toBe(200)
  expect(await response.text()).toBe('console.log(1)')
  expect(response.headers.get('Cache-Control')).toContain('immutable')
})

test('sends the copy the build compressed, as the browser accepts it, with the script type', async () => {
  const app = built()
  for (const [accept, encoding] of [
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
  ] as const) {
    const response = await app.request('/assets/big-456.js', {
      headers: { 'Accept-Encoding': accept },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Encoding')).toBe(encoding)
    expect(response.headers.get('Content-Type')).toMatch(/^text\/javascript/)
    expect(response.headers.get('Vary')).toMatch(/Accept-Encoding/i)
    expect(response.headers.get('Cache-Control')).toContain('immutable')
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(bytes.length).toBeLessThan(big.length / 10)
    const decoded = encoding === 'br' ? brotliDecompressSync(bytes) : gunzipSync(bytes)
    expect(decoded.toString()).toBe(big)
  }
  const plain = await app.request('/assets/big-456.js')
  expect(plain.headers.get('Content-Encoding')).toBeNull()
  expect(await plain.text()).toContain('export const words')
})

test('answers page paths such as /conversations/conv_1 with index.html', async () => {
  const app = built()
  for (const path of ['/', '/conversations/conv_1', '/anything?page=2']) {
    const response = await app.request(path)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<title>Dashboard</title>')
  }
})

test('never serves source maps, the server bundle or paths outside dist/client', async () => {
  const app = built()
  for (const path of [
    '/assets/app-123.js.map',
    '/server/index.js',
    '/../server/index.js',
    '/x.js',
  ]) {
    const response = await app.request(path)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('secret')
  }
  const traversal = await app.request('/%2e%2e/server/index.js')
  expect(await traversal.text()).not.toContain('secret')
})

test('leaves /api to the API', async () => {
  const response = await built().request('/api/unknown')
  expect(response.status).toBe(404)
  expect(await response.json()).toMatchObject({ error: { code: 'not_found' } })
})

test('says the app is not built yet, and serves it once it is, without a restart', async () => {
  const dist = mkdtempSync(join(tmpdir(), 'static-test-'))
  const root = join(dist, 'client')
  const app = new Hono()
  serveClient(app, root)
  const before = await app.request('/')
  expect(before.status).toBe(503)
  expect(await before.text()).toContain('npm run build')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Built later</title>')
  writeFileSync(join(root, 'assets', 'late-1.js'), 'console.log(2)')
  expect(await (await app.request('/')).text()).toContain('Built later')
  const script = await app.request('/assets/late-1.js')
  expect(script.status).toBe(200)
  expect(await script.text()).toBe('console.log(2)')
})
