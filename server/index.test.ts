import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, test } from 'vitest'
import { startMockUpstream, type MockUpstream } from '../mocks/upstream-server.ts'

const entry = fileURLToPath(new URL('./index.ts', import.meta.url))
const cwd = mkdtempSync(join(tmpdir(), 'index-test-'))
let mock: MockUpstream | undefined

afterEach(() => mock?.close())

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [entry], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, stderr: () => stderr }
}

test('exits with status 1 and names both variables when the key is missing', async () => {
  const server = start({})
  expect(await server.exited).toBe(1)
  expect(server.stderr()).toContain('API_KEY_ID')
  expect(server.stderr()).toContain('API_KEY_SECRET')
})

test('exits with status 1 on an invalid setting, saying which', async () => {
  const server = start({ API_KEY_ID: 'id', API_KEY_SECRET: 'secret', PORT: 'eighty' })
  expect(await server.exited).toBe(1)
  expect(server.stderr()).toContain('PORT must be an integer between 0 and 65535')
})

test('listens on the real ephemeral port, serves /api, and exits 0 on SIGTERM', async () => {
  mock = await startMockUpstream({ keyId: 'id', keySecret: 'secret' })
  const server = start({
    API_KEY_ID: 'id',
    API_KEY_SECRET: 'secret',
    PERFORMCHAT_API_URL: mock.url,
    PORT: '0',
    LOG_LEVEL: 'warn',
  })
  const lines = createInterface({ input: server.child.stdout })
  const url = await new Promise<string>((resolve) =>
    lines.on('line', (line) => {
      const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line)
      if (match?.[1] && match[2] !== '0') resolve(match[1])
    }),
  )
  const response = await fetch(`${url}/api/conversations?limit=2`)
  expect(response.status).toBe(200)
  expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(2)
  server.child.kill('SIGTERM')
  expect(await server.exited).toBe(0)
})
