// The wrong-password delay of basic-auth.ts, on the middleware alone and a fake clock.
import { Hono } from 'hono'
import { expect, test } from 'vitest'
import { createFakeClock } from '../clock.ts'
import { basicAuth, challenge, type BasicAuthOptions } from './basic-auth.ts'
import { freeFailures, maxDelayMs } from './login-throttle.ts'

// Not the harness's: this file must not load the whole app.
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`
const good = basic('support', 'correct horse battery staple')

/** The middleware alone, on a fake clock: `waitedMs` is how long an answer was held. */
function guarded(options: Partial<BasicAuthOptions> = {}) {
  const clock = createFakeClock()
  const app = new Hono()
  app.use(
    '*',
    basicAuth({
      user: 'support',
      password: 'correct horse battery staple',
      isOpen: (path) => path === '/api/health',
      clientKey: (c) => c.req.header('X-Test-Client') ?? 'unknown',
      clock,
      ...options,
    }),
  )
  app.get('*', (c) => c.text('inside'))
  const send = (client: string, authorization?: string) =>
    Promise.resolve(
      app.request('/api/ready', {
        headers: {
          'X-Test-Client': client,
          ...(authorization && { Authorization: authorization }),
        },
      }),
    )
  const ask = async (client: string, authorization?: string) => {
    const started = clock.now()
    const response = await clock.runUntil(send(client, authorization))
    return { status: response.status, waitedMs: clock.now() - started, response }
  }
  return { clock, send, ask }
}

const wrongFor = (user: string) => basic(user, 'guess')

test('the right password passes at once after 25 wrong ones from the same address', async () => {
  const { ask } = guarded()
  for (let i = 0; i < 25; i++)
    expect((await ask('203.0.113.9', wrongFor('support'))).status).toBe(401)
  const right = await ask('203.0.113.9', good)
  expect(right).toMatchObject({ status: 200, waitedMs: 0 })
  expect(await right.response.text()).toBe('inside')
})

test('wrong passwords from one address are answered 401 after a growing delay', async () => {
  const { ask } = guarded()
  const answers = []
  for (let i = 0; i < 14; i++) answers.push(await ask('203.0.113.9', wrongFor('support')))
  for (const answer of answers) {
    expect(answer.status).toBe(401)
    expect(answer.response.headers.get('WWW-Authenticate')).toBe(challenge)
  }
  const delays = answers.map((answer) => answer.waitedMs)
  expect(delays.slice(0, freeFailures)).toEqual([0, 0, 0, 0, 0])
  expect(delays[freeFailures]).toBeGreaterThan(0)
  for (let i = freeFailures + 1; i < delays.length; i++) {
    expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0)
  }
  expect(delays.at(-1)).toBe(maxDelayMs)
})

test('new addresses guessing one user name are slowed by that user name', async () => {
  const { ask } = guarded()
  const delays = []
  for (let i = 0; i < 12; i++)
    delays.push((await ask(`203.0.113.${i}`, wrongFor('support'))).waitedMs)
  expect(delays.at(-1)).toBe(maxDelayMs)
})

test('new user names from one address are slowed by that address', async () => {
  const { ask } = guarded()
  const delays = []
  for (let i = 0; i < 12; i++)
    delays.push((await ask('203.0.113.9', wrongFor(`user${i}`))).waitedMs)
  expect(delays.at(-1)).toBe(maxDelayMs)
})

test("one address's wrong passwords do not slow another address's other user name", async () => {
  const { ask } = guarded()
  for (let i = 0; i < 12; i++) await ask('203.0.113.9', wrongFor('support'))
  expect(await ask('198.51.100.7', wrongFor('someone'))).toMatchObject({ status: 401, waitedMs: 0 })
  expect(await ask('198.51.100.7', good)).toMatchObject({ status: 200, waitedMs: 0 })
})

test('past the cap on held answers a wrong password gets a 429 with Retry-After at once', async () => {
  const { ask, send, clock } = guarded({ maxHeldAnswers: 1 })
  for (let i = 0; i < freeFailures; i++) await ask('203.0.113.9', wrongFor('support'))
  const held = send('203.0.113.9', wrongFor('support'))
  const refused = await ask('203.0.113.9', wrongFor('support'))
  expect(refused).toMatchObject({ status: 429, waitedMs: 0 })
  expect(Number(refused.response.headers.get('Retry-After'))).toBeGreaterThan(0)
  expect(await refused.response.json()).toMatchObject({ error: { code: 'too_many_failed_logins' } })
  expect(await ask('203.0.113.9', good)).toMatchObject({ status: 200, waitedMs: 0 })
  expect((await clock.runUntil(held)).status).toBe(401)
})

test('a request without credentials is not counted as a wrong password', async () => {
  const { ask } = guarded()
  for (let i = 0; i < 25; i++) await ask('203.0.113.9')
  expect(await ask('203.0.113.9', wrongFor('support'))).toMatchObject({ status: 401, waitedMs: 0 })
})
