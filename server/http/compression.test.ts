import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, expect, test } from 'vitest'
import { chooseEncoding } from './compression.ts'
import { controlledConversationCrawl } from '../testing/controlled-crawl.ts'
import { builtAsset, startHarness, type Harness } from '../testing/test-harness.ts'

let harness: Harness | undefined
afterEach(() => harness?.mock.close())

async function start() {
  harness = await startHarness({}, { client: true, conversations: 100 })
  return harness
}

const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer())

test.each([
  ['gzip, deflate, br', 'br'],
  ['gzip', 'gzip'],
  ['br;q=0.5, gzip', 'gzip'],
  ['*', 'br'],
  ['br;q=0, *;q=0.1', 'gzip'],
  ['identity', undefined],
  ['', undefined],
  [undefined, undefined],
])('Accept-Encoding %j picks %s', (header, expected) => {
  expect(chooseEncoding(header)).toBe(expected)
})

test('scripts and JSON are sent compressed as the client allows, and say so', async () => {
  const { app } = await start()
  const plain = await bytes(await app.request(builtAsset))
  const br = await app.request(builtAsset, { headers: { 'Accept-Encoding': 'br, gzip' } })
  expect(br.headers.get('Content-Encoding')).toBe('br')
  expect(br.headers.get('Vary')).toContain('Accept-Encoding')
  expect(br.headers.has('Content-Length')).toBe(false)
  const packed = await bytes(br)
  expect(packed.length).toBeLessThan(plain.length / 4)
  expect(brotliDecompressSync(packed)).toEqual(plain)

  const list = await app.request('/api/conversations?limit=100', {
    headers: { 'Accept-Encoding': 'gzip' },
  })
  expect(list.headers.get('Content-Encoding')).toBe('gzip')
  const json = JSON.parse(gunzipSync(await bytes(list)).toString('utf8')) as { data: unknown[] }
  expect(json.data).toHaveLength(100)
})

test('nothing is compressed for a client that did not ask, or for HEAD', async () => {
  const { app } = await start()
  const response = await app.request(builtAsset)
  expect(response.headers.has('Content-Encoding')).toBe(false)
  expect(response.headers.get('Vary')).toContain('Accept-Encoding')
  const head = await app.request(builtAsset, {
    method: 'HEAD',
    headers: { 'Accept-Encoding': 'gzip' },
  })
  expect(head.headers.has('Content-Encoding')).toBe(false)
})

test('a compressed snapshot stream still arrives line by line while the crawl runs', async () => {
  const crawl = controlledConversationCrawl()
  const store = crawl.store
  harness = await startHarness({}, { overrides: { conversations: store } })
  const answer = harness.app.request('/api/conversations/snapshot', {
    headers: { 'Accept-Encoding': 'gzip' },
  })
  await Promise.resolve()
  crawl.progress({ type: 'total', total: 2 })
  const response = await answer
  expect(response.headers.get('Content-Encoding')).toBe('gzip')
  const body = response.body?.pipeThrough(new DecompressionStream('gzip'))
  const reader = body?.pipeThrough(new TextDecoderStream()).getReader()
  let pending = ''
  const read = async () => {
    while (!pending.includes('\n')) {
      const chunk = await reader?.read()
      if (!chunk || chunk.done) throw new Error('the stream ended early')
      pending += chunk.value
    }
    const line = pending.slice(0, pending.indexOf('\n'))
    pending = pending.slice(line.length + 1)
    return line
  }
  // Nothing more is sent until the crawl moves: these reads only finish if zlib flushed.
  expect(JSON.parse(await read())).toMatchObject({ type: 'meta', total: 2, complete: false })
  const row = { id: 'conv_1', title: 'Hello', customer_user_id: 'cu_1', message_count: 1 }
  crawl.progress({ type: 'rows', rows: [row] })
  expect(JSON.parse(await read())).toEqual({ type: 'rows', rows: [row] })
  crawl.finish([row])

  expect(JSON.parse(await read())).toMatchObject({ type: 'end', complete: true })
})
