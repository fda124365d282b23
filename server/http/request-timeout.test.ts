import { Hono } from 'hono'
import { expect, test } from 'vitest'
import { createFakeClock } from '../clock.ts'
import { ApiFailure, errorBody } from '../errors.ts'
import { requestDeadlineMs } from './protection.ts'
import { requestTimeout } from './request-timeout.ts'

function app(ms: number) {
  const clock = createFakeClock()
  const seen: { aborted?: unknown } = {}
  const routes = new Hono()
  routes.use('*', requestTimeout({ ms, clock, exempt: (path) => path === '/stream' }))
  const hang = (signal: AbortSignal) =>
    new Promise<Response>((_, reject) =>
      signal.addEventListener('abort', () => {
        seen.aborted = signal.reason
        reject(new Error('cancelled'))
      }),
    )
  routes.get('/slow', (c) => hang(c.req.raw.signal))
  routes.get('/stream', (c) => hang(c.req.raw.signal))
  routes.get('/fast', (c) => c.text('ok'))
  routes.onError((error, c) =>
    error instanceof ApiFailure
      ? c.json(errorBody(error.code, error.message), 504)
      : c.text('cancelled', 500),
  )
  return { routes, clock, seen }
}

test('a request still running at the deadline gets a 504 and its work is cancelled', async () => {
  const { routes, clock, seen } = app(16_000)
  const answer = Promise.resolve(routes.request('/slow'))
  await clock.advance(15_999)
  expect(seen.aborted).toBeUndefined()
  await clock.advance(1)
  const response = await answer
  expect(response.status).toBe(504)
  expect(await response.json()).toEqual({
    error: {
      code: 'request_timeout',
      message:
        'The dashboard server gave up after 16 seconds: perform.chat answered too slowly, ' +
        'or the customer list is still loading. Try again in a moment.',
    },
  })
  expect(seen.aborted).toBeInstanceOf(ApiFailure)
})

test('a quick answer leaves no timer behind', async () => {
  const { routes, clock } = app(1_000)
  expect(await (await routes.request('/fast')).text()).toBe('ok')
  expect(clock.pending()).toBe(0)
})

test('streams are exempt', async () => {
  const { routes, clock, seen } = app(1_000)
  void routes.request('/stream')
  await clock.advance(60_000)
  expect(seen.aborted).toBeUndefined()
})

test('the deadline is the upstream timeout, the longest rate-limit wait, and a second', () => {
  expect(requestDeadlineMs(10_000)).toBe(16_000)
})
