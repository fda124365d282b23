import { expect, test } from 'vitest'
import { createRandom } from './prng.ts'
import { comebackIndex, naturalGaps, placeTimes, sum } from './timeline.ts'

const minute = 60_000

test('the times run from start to exactly end when they fit naturally', () => {
  const gaps = [20_000, 90_000, 15_000]
  expect(placeTimes(gaps, 0, sum(gaps))).toEqual([0, 20_000, 110_000, 125_000])
})

test('spare time goes to the customer coming back late, nowhere else', () => {
  const gaps = [20_000, 90_000, 15_000, 60_000]
  // Messages alternate customer first, so the customer's last message is the fifth (index 4).
  expect(comebackIndex(5)).toBe(4)
  const times = placeTimes(gaps, 0, sum(gaps) + 3 * 86_400_000)
  expect(times.slice(0, 4)).toEqual([0, 20_000, 110_000, 125_000])
  expect(times[4]).toBe(sum(gaps) + 3 * 86_400_000)
})

test('too little time is taken from the long wait first, then from every gap alike', () => {
  // Four messages: the customer's last one is the third (index 2), after the long wait.
  const gaps = [20_000, 30 * minute, 15_000]
  expect(placeTimes(gaps, 0, 10 * minute)).toEqual([0, 20_000, 10 * minute - 15_000, 10 * minute])
  const squeezed = placeTimes([60_000, 60_000], 0, 60_000)
  expect(squeezed).toEqual([0, 30_000, 60_000])
})

test('one message, or none, has no gaps', () => {
  expect(placeTimes([], 5, 5)).toEqual([5])
  expect(naturalGaps(createRandom(1), 0)).toEqual([])
  expect(comebackIndex(2)).toBe(-1)
})

test('the agent answers within seconds to minutes, and a long chat keeps a brisk pace', () => {
  const random = createRandom(42)
  const long = naturalGaps(random, 250)
  expect(long).toHaveLength(249)
  const agent = long.filter((_, i) => i % 2 === 0)
  expect(Math.max(...agent)).toBeLessThanOrEqual(150_000)
  expect(Math.min(...agent)).toBeGreaterThanOrEqual(3000)
  expect(sum(long)).toBeLessThan(6 * 60 * minute)
})
