import { expect, test } from 'vitest'
import { createFakeClock } from '../clock.ts'
import { createMemoryStore } from '../testing/memory-store.ts'
import { WINDOW_MS } from '../upstream/grant-window.ts'
import { createLimiter } from '../upstream/limiter.ts'
import { loadGrantLog } from './grant-log.ts'

test('a limiter restarted on the same store waits for the grants its predecessor spent', async () => {
  const clock = createFakeClock(0)
  const store = createMemoryStore()
  const firstLog = await loadGrantLog(store)
  const first = createLimiter({ perMinute: 5, interactiveShare: 0, clock, grantLog: firstLog })
  await Promise.all(Array.from({ length: 5 }, () => first.acquire('interactive')))
  await clock.advance(10_000)
  first.flush()
  await firstLog.flush()
  const second = createLimiter({
    perMinute: 5,
    interactiveShare: 0,
    clock,
    grantLog: await loadGrantLog(store),
  })
  let grantedAt: number | undefined
  void second.acquire('interactive').then(() => (grantedAt = clock.now()))
  await clock.advance(WINDOW_MS - 10_001)
  expect(grantedAt).toBeUndefined()
  await clock.advance(1)
  expect(grantedAt).toBe(WINDOW_MS)
})

test('starts with an empty window when the stored grants are unreadable', async () => {
  const store = createMemoryStore()
  await store.setState('limiter.grants', { not: 'a list' })
  expect((await loadGrantLog(store)).load()).toEqual([])
})
