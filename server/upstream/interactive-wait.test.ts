import { afterEach, expect, test } from 'vitest'
import { createFakeClock } from '../clock.ts'
import { GateWaitTooLong } from './gate-wait.ts'
import { WINDOW_MS } from './grant-window.ts'
import { createLimiter } from './limiter.ts'
import { startHarness, type Harness } from '../testing/test-harness.ts'

let harness: Harness | undefined
afterEach(() => harness?.close())

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )

test('acquire with maxWaitMs refuses at once when a pause would hold it longer', async () => {
  const clock = createFakeClock(0)
  const limiter = createLimiter({ perMinute: 10, interactiveShare: 0.2, clock })
  limiter.pause(30_000)
  const error = await rejection(limiter.acquire('interactive', undefined, { maxWaitMs: 5_000 }))
  expect(error).toBeInstanceOf(GateWaitTooLong)
  expect((error as GateWaitTooLong).untilMs).toBe(30_000)
  expect(limiter.stats().queued.interactive).toBe(0)
})

test('acquire with maxWaitMs queues when the wait is short enough', async () => {
  const clock = createFakeClock(0)
  const limiter = createLimiter({ perMinute: 10, interactiveShare: 0.2, clock })
  limiter.pause(4_000)
  let granted = false
  void limiter.acquire('interactive', undefined, { maxWaitMs: 5_000 }).then(() => (granted = true))
  await clock.advance(4_000)
  expect(granted).toBe(true)
})

test('a full window counts as a wait too, including the calls queued ahead', async () => {
  const clock = createFakeClock(0)
  const limiter = createLimiter({ perMinute: 2, interactiveShare: 0, clock })
  await limiter.acquire('interactive')
  await clock.advance(58_000)
  await limiter.acquire('interactive')
  // The window frees one slot at 60 s: the first waiter gets it, the second waits for 118 s.
  void limiter.acquire('interactive', undefined, { maxWaitMs: 5_000 })
  const error = await rejection(limiter.acquire('interactive', undefined, { maxWaitMs: 5_000 }))
  expect((error as GateWaitTooLong).untilMs).toBe(58_000 + WINDOW_MS)
})

test('while a 429 holds the key back, opening a conversation fails fast with 429', async () => {
  harness = await startHarness({}, { sync: false })
  const { app, mock, services } = harness
  mock.faults.set({ status429: { count: 1, retryAfterSeconds: 30 } })
  // The sync's first request meets the 429; its retry queues at the paused limiter.
  const waiting = new Promise<void>((resolve) => {
    const stop = services.sync.onStatus((status) => {
      if (!status.wait) return
      stop()
      resolve()
    })
  })
  services.sync.start()
  await waiting
  const started = performance.now()
  const response = await app.request('/api/conversations/conv_1')
  expect(performance.now() - started).toBeLessThan(1_000)
  expect(response.status).toBe(429)
  expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(25)
  const body = (await response.json()) as { error: { code: string; message: string } }
  expect(body.error.code).toBe('upstream_rate_limited')
  expect(body.error.message).toContain('rate limit')
  expect(mock.stats().requests).toBe(1)
})
