import { expect, test } from 'vitest'
import {
  cycleMs,
  headRefreshMaxPages,
  nextFullPassAt,
  updateStalenessBoundMs,
  type FreshnessRule,
} from './freshness.ts'

const minute = 60_000
// The defaults: 900 a minute, 0.2 kept for interactive calls, a TTL of 60 s.
const defaults = { ttlMs: minute, crawlPerMinute: 720 }
const newestFirst: FreshnessRule = { ...defaults, newestFirst: true }
const unordered: FreshnessRule = { ...defaults, newestFirst: false }

test('repeats a small list every TTL, whatever its order', () => {
  const last = { startedAt: 0, endedAt: 800, requests: 101 }
  expect(nextFullPassAt(last, newestFirst)).toBe(minute)
  expect(nextFullPassAt(last, unordered)).toBe(minute)
})

test('spaces full passes of a large newest-first list to half the crawl budget', () => {
  const last = { startedAt: 0, endedAt: 27 * minute, requests: 10_000 }
  // 10,000 requests at 360 a minute.
  expect(nextFullPassAt(last, newestFirst)).toBeCloseTo((10_000 / 360) * minute, 0)
})

test('runs full passes back to back when the list is not newest first', () => {
  const last = { startedAt: 0, endedAt: 14 * minute, requests: 10_000 }
  expect(nextFullPassAt(last, unordered)).toBe(14 * minute)
})

test('never starts a cycle before the last one ended', () => {
  const last = { startedAt: 0, endedAt: 50 * minute, requests: 10_000 }
  expect(nextFullPassAt(last, newestFirst)).toBe(50 * minute)
})

test('lets a head refresh read at most a quarter of a TTL of crawl budget', () => {
  expect(headRefreshMaxPages(defaults)).toBe(180)
  expect(headRefreshMaxPages({ ttlMs: 1000, crawlPerMinute: 720 })).toBe(3)
  expect(headRefreshMaxPages({ ttlMs: 1000, crawlPerMinute: 8 })).toBe(1)
})

test('bounds how stale an update to an old conversation can get at 10,000 to 1,000,000 conversations', () => {
  const minutes = (pages: number, rule: FreshnessRule) =>
    Math.round((updateStalenessBoundMs(pages, rule) / minute) * 10) / 10
  expect([100, 1000, 10_000].map((pages) => minutes(pages, newestFirst))).toEqual([1, 4.8, 54.8])
  expect([100, 1000, 10_000].map((pages) => minutes(pages, unordered))).toEqual([1, 2.4, 26.9])
  expect(cycleMs(10_000, newestFirst) / minute).toBeCloseTo(27.8, 1)
})
