// A loopback HTTP server made of the msw handlers. msw/node's interceptor drops the
// body of GET requests, where perform.chat expects the key, so every use of the mock
// (dev demo, unit tests, e2e) goes through real HTTP and this adapter instead.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getResponse, type RequestHandler } from 'msw'
import { handleControl } from './control.ts'
import { createMockDb, type MockDb, type MockDbOptions } from './data.ts'
import { createFaults, createStats, type Faults, type StatsSnapshot } from './faults.ts'
import { createHandlers } from './handlers.ts'
import { createUpstreamRules, upstreamError } from './upstream-rules.ts'

export type MockUpstreamOptions = {
  port?: number
  host?: string
  db?: MockDb
  dbOptions?: MockDbOptions
  keyId?: string
  keySecret?: string
  now?: () => number
  /** Requests the key may make in any 60 s (perform.chat: 1000). */
  ratePerMinute?: number
}

export type MockUpstream = {
  /** Base URL ending in /rest/v1, as PERFORMCHAT_API_URL expects. */
  url: string
  db: MockDb
  faults: Faults
  stats: () => StatsSnapshot
  /** Handlers tried before the built-in ones, like msw's server.use(). */
  use: (...handlers: RequestHandler[]) => void
  resetHandlers: () => void
  close: () => Promise<void>
}

export const demoKey = { keyId: 'demo-key-id', keySecret: 'demo-key-secret' }
const hopByHop = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
])

export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const db = options.db ?? createMockDb(options.dbOptions)
  const faults = createFaults()
  const stats = createStats()
  const rules = createUpstreamRules({
    keyId: options.keyId ?? demoKey.keyId,
    keySecret: options.keySecret ?? demoKey.keySecret,
    now: options.now ?? Date.now,
    ...(options.ratePerMinute === undefined ? {} : { ratePerMinute: options.ratePerMinute }),
  })
  let handlers: RequestHandler[] = []
  let overrides: RequestHandler[] = []
  const resetHandlers = () => (overrides = [])
  const control = { db, faults, stats, rules, resetHandlers }

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readAll(req)
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
      if (url.pathname.startsWith('/__control/')) {
        const answer = handleControl(req.method ?? 'GET', url.pathname, raw.toString(), control)
        res.writeHead(answer.status, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(answer.body))
        return
      }
      const aborted = new AbortController()
      res.on('close', () => aborted.abort())
      const request = toFetchRequest(req, url, raw, aborted.signal)
      const response =
        (await getResponse([...overrides, ...handlers], request)) ??
        upstreamError(404, `Cannot ${req.method ?? 'GET'} ${url.pathname}`, 'Not Found')
      if (aborted.signal.aborted) return
      stats.record(response.status)
      await writeResponse(response, res)
    })().catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)))
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/rest/v1`
  handlers = createHandlers({ baseUrl: url, db, faults, rules })

  return {
    url,
    db,
    faults,
    stats: stats.snapshot,
    use: (...added) => (overrides = [...added, ...overrides]),
    resetHandlers,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** GET with a body is not allowed in a Fetch Request: build it as POST, then call it GET. */
function toFetchRequest(req: IncomingMessage, url: URL, raw: Buffer, signal: AbortSignal) {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || hopByHop.has(name)) continue
    headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const method = req.method ?? 'GET'
  const bodyless = method === 'GET' || method === 'HEAD'
  if (bodyless && raw.length === 0) return new Request(url, { method, headers, signal })
  const request = new Request(url, {
    method: bodyless ? 'POST' : method,
    body: new Uint8Array(raw),
    headers,
    signal,
  })
  if (bodyless) Object.defineProperty(request, 'method', { value: method })
  return request
}

async function writeResponse(response: Response, res: ServerResponse) {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => (headers[name] = value))
  res.writeHead(response.status, headers)
  if (!response.body) return void res.end()
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done || res.destroyed) break
    if (!res.write(value)) {
      await new Promise((resolve) => {
        res.once('drain', resolve)
        res.once('close', resolve)
      })
    }
  }
  res.end()
}
