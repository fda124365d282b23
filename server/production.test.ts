// The production entry (server/index.ts) as a process: what it refuses, where it listens,
// and how it stops.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { http, HttpResponse } from 'msw'
import { afterEach, expect, test } from 'vitest'
import { startMockUpstream, type MockUpstream } from '../mocks/upstream-server.ts'

const entry = fileURLToPath(new URL('./index.ts', import.meta.url))
const cwd = mkdtempSync(join(tmpdir(), 'production-test-'))
const key = { keyId: 'prod-id', keySecret: 'prod-secret-51c0ffee' }
let mock: MockUpstream | undefined

afterEach(() => mock?.close())

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [entry], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      API_KEY_ID: key.keyId,
      API_KEY_SECRET: key.keySecret,
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    stderr += chunk.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += `${line}\n`
      const port = /^listening on http:\/\/\S+:(\d+)$/.exec(line)?.[1]
      if (port) resolve(`http://127.0.0.1:${port}`)
    })
    void exited.then((code) => reject(new Error(`exited with ${code}: ${output}`)))
  })
  listening.catch(() => undefined)
  return { child, exited, listening, output: () => output, stderr: () => stderr }
}

test('exits with status 1 and names both variables when the key is missing', async () => {
  const server = start({ API_KEY_ID: '', API_KEY_SECRET: '' })
  expect(await server.exited).toBe(1)
  expect(server.stderr()).toContain('API_KEY_ID')
  expect(server.stderr()).toContain('API_KEY_SECRET')
})

test('exits with status 1 on an invalid setting, saying which', async () => {
  const server = start({ PORT: 'eighty' })
  expect(await server.exited).toBe(1)
  expect(server.stderr()).toContain('PORT must be an integer between 0 and 65535')
})

test('listens on the real ephemeral port, serves /api, and exits 0 on SIGTERM', async () => {
  mock = await startMockUpstream(key)
  const server = start({ PERFORMCHAT_API_URL: mock.url, LOG_LEVEL: 'warn' })
  const url = await server.listening
  expect(server.output()).toMatch(/^listening on http:\/\/127\.0\.0\.1:[1-9]\d*$/m)
  // It listens before its first sync has written a page: the list is empty until then.
  const firstRows = async () => {
    const response = await fetch(`${url}/api/conversations?limit=2`)
    expect(response.status).toBe(200)
    return ((await response.json()) as { data: unknown[] }).data.length
  }
  await expect.poll(firstRows, { timeout: 15_000 }).toBe(2)
  server.child.kill('SIGTERM')
  expect(await server.exited).toBe(0)
}, 20_000)

test('refuses a non-loopback HOST without basic auth, saying what to set', async () => {
  const server = start({ HOST: '0.0.0.0' })
  expect(await server.exited).toBe(1)
  expect(server.output()).toContain('Refusing to listen on HOST=0.0.0.0 without a password')
  expect(server.output()).toContain('DASHBOARD_USER')
  expect(server.output()).toContain('ALLOW_UNAUTHENTICATED=1')
})

test('listens on a non-loopback HOST with ALLOW_UNAUTHENTICATED=1, and warns', async () => {
  mock = await startMockUpstream(key)
  const server = start({
    HOST: '0.0.0.0',
    ALLOW_UNAUTHENTICATED: '1',
    PERFORMCHAT_API_URL: mock.url,
  })
  const url = await server.listening
  expect((await fetch(`${url}/api/health`)).status).toBe(200)
  expect(server.output()).toContain('without a password because ALLOW_UNAUTHENTICATED=1')
  server.child.kill('SIGTERM')
  expect(await server.exited).toBe(0)
})

test('listens on a non-loopback HOST with basic auth', async () => {
  mock = await startMockUpstream(key)
  const server = start({
    HOST: '0.0.0.0',
    DASHBOARD_USER: 'ops',
    DASHBOARD_PASSWORD: 'long-enough-password',
    PERFORMCHAT_API_URL: mock.url,
  })
  const url = await server.listening
  expect((await fetch(`${url}/api/ready`)).status).toBe(401)
  server.child.kill('SIGTERM')
  expect(await server.exited).toBe(0)
})

test('on SIGTERM it finishes a request in flight, then exits 0', async () => {
  mock = await startMockUpstream(key)
  let arrived = () => {}
  const reached = new Promise<void>((resolve) => (arrived = resolve))
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  // Holds perform.chat's answer for one conversation (not in the mirror yet, so asked
  // for upstream) until SIGTERM has been sent, then lets the real handler answer.
  mock.use(
    http.get(`${mock.url}/conversations/:id`, async () => {
      arrived()
      await released
    }),
    // An empty list, so the sync leaves the mirror without the conversation asked for.
    http.get(`${mock.url}/conversations`, () =>
      HttpResponse.json({
        data: [],
        pagination: { page: 1, limit: 100, total: 0, total_pages: 0 },
      }),
    ),
  )
  const server = start({ PERFORMCHAT_API_URL: mock.url, LOG_LEVEL: 'info' })
  const url = await server.listening
  const id = mock.db.conversations[0]?.id ?? ''
  const inFlight = fetch(`${url}/api/conversations/${id}`)
  await reached
  server.child.kill('SIGTERM')
  await new Promise<void>((resolve) => {
    const check = () => (server.output().includes('SIGTERM: finishing') ? resolve() : undefined)
    server.child.stdout.on('data', check)
    check()
  })
  release()
  const response = await inFlight
  expect(response.status).toBe(200)
  expect(((await response.json()) as { id: string }).id).toBe(id)
  const answered = performance.now()
  expect(await server.exited).toBe(0)
  // Not held open by the idle kept-alive connection (the client keeps it 4 s).
  expect(performance.now() - answered).toBeLessThan(2_000)
  await expect(fetch(`${url}/api/health`)).rejects.toThrow()
})
