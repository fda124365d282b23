// The figure: at the defaults (900 requests a minute, 20 % kept for interactive
// calls, CRAWL_CONCURRENCY 32) a 10,000-conversation account, each conversation under 100
// messages (one request), is fully indexed in about a quarter of an hour while the list
// sync runs its normal cycle, and the message sync uses at least 95 % of the crawl budget
// the list leaves. Measured over whole minutes: a sliding 60-second window lets at most
// 720 crawl-share requests through in each.
import { afterEach, expect, test } from 'vitest'
import { WINDOW_MS } from '../upstream/grant-window.ts'
import type { Priority } from '../upstream/limiter.ts'
import { allSearched, setupMessageSync } from '../testing/message-sync-setup.ts'
import type { Sync } from './sync.ts'

const running: Sync[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((sync) => sync.stop()))
})

test('indexes 10,000 conversations in about 16 minutes, using ≥ 95 % of the budget the list leaves', async () => {
  const { sync, limiter, grants, clock, until } = await setupMessageSync({
    conversations: 10_000,
    customers: 1000,
    latencyMs: 100,
    concurrency: 32,
  })
  running.push(sync)
  sync.start()
  await until(allSearched)
  const doneAt = clock.now()
  // Whole minutes from the start: the list's first pass, just before the message sync
  // begins, counts as the list's use of the first one.
  const minutes = Math.floor(doneAt / WINDOW_MS)
  const used = (priority: Priority) =>
    grants.filter((grant) => grant.priority === priority && grant.at < minutes * WINDOW_MS).length
  const list = used('crawl')
  const background = used('background')
  const leftOver = minutes * limiter.budget.crawlPerMinute - list
  const figures = { doneAt, minutes, list, background, leftOver, share: background / leftOver }
  expect(limiter.budget.crawlPerMinute).toBe(720)
  expect(figures.share, JSON.stringify(figures)).toBeGreaterThanOrEqual(0.95)
  expect(doneAt, JSON.stringify(figures)).toBeLessThanOrEqual(17 * WINDOW_MS)
  expect(limiter.stats().grantedBackground).toBe(10_000)
}, 30_000)
