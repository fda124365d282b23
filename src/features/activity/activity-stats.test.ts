import { expect, test } from 'vitest'
import { activityStats, scaleTop } from './activity-stats.ts'

const days = (...counts: number[]) =>
  counts.map((count, i) => ({ date: `2025-03-${String(i + 1).padStart(2, '0')}`, count }))

test('the median of an odd number of days is the middle count, zeros included', () => {
  expect(activityStats(days(5, 0, 0, 9, 1)).median).toBe(1)
})

test('the median of an even number of days is the mean of the two middle counts', () => {
  expect(activityStats(days(4, 0, 7, 1)).median).toBe(2.5)
})

test('the busiest day is the earliest of the days with the most conversations', () => {
  const stats = activityStats(days(2, 6, 1, 6))
  expect(stats.busiest).toEqual({ date: '2025-03-02', count: 6 })
  expect(stats.total).toBe(15)
  expect(stats.max).toBe(6)
})

test('a range without conversations has no busiest day', () => {
  expect(activityStats(days(0, 0, 0))).toEqual({ total: 0, median: 0, busiest: null, max: 0 })
  expect(activityStats([])).toEqual({ total: 0, median: 0, busiest: null, max: 0 })
})

test('the scale tops out at a round number at least as large as the busiest day', () => {
  expect([0, 1, 2, 3, 7, 10, 11, 24, 48, 51, 100, 230, 600].map(scaleTop)).toEqual([
    1, 1, 2, 5, 10, 10, 20, 25, 50, 100, 100, 250, 1000,
  ])
})
