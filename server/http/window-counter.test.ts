import { expect, test } from 'vitest'
import { createWindowCounter } from './window-counter.ts'

function counter(limit: number, maxKeys = 100) {
  const clock = { now: 600_000 }
  const windows = createWindowCounter({ limit, windowMs: 60_000, maxKeys, now: () => clock.now })
  return { windows, clock }
}

test('lets `limit` events through, then says how long to wait', () => {
  const { windows } = counter(3)
  expect([1, 2, 3].map(() => windows.take('a'))).toEqual([0, 0, 0])
  expect(windows.take('a')).toBe(60_000 + 20_000)
  expect(windows.take('b')).toBe(0)
})

test('the wait it names is enough, and no shorter wait would do', () => {
  const { windows, clock } = counter(3)
  for (let i = 0; i < 3; i++) windows.take('a')
  const wait = windows.take('a')
  clock.now += wait - 1
  expect(windows.take('a')).toBeGreaterThan(0)
  clock.now += 1
  expect(windows.take('a')).toBe(0)
})

test('slides: events of the last window still count while they overlap', () => {
  const { windows, clock } = counter(10)
  for (let i = 0; i < 10; i++) windows.take('a')
  clock.now += 60_000 + 30_000 // half of the last window still overlaps: 5 of 10 count
  expect([1, 2, 3, 4, 5].map(() => windows.take('a'))).toEqual([0, 0, 0, 0, 0])
  expect(windows.take('a')).toBeGreaterThan(0)
  clock.now += 120_000
  expect(windows.take('a')).toBe(0)
})

test('hit counts without asking, waitMs asks without counting', () => {
  const { windows } = counter(2)
  windows.hit('a')
  expect(windows.waitMs('a')).toBe(0)
  expect(windows.waitMs('a')).toBe(0)
  windows.hit('a')
  expect(windows.waitMs('a')).toBeGreaterThan(0)
})

test('remembers at most maxKeys clients, forgetting the least recently seen', () => {
  const { windows } = counter(1, 3)
  for (const key of ['a', 'b', 'c']) windows.take(key)
  windows.take('a') // a is now the most recent
  windows.take('d') // evicts b
  expect(windows.size()).toBe(3)
  expect(windows.take('a')).toBeGreaterThan(0)
  expect(windows.take('b')).toBe(0)
  for (let i = 0; i < 50_000; i++) windows.take(`flood-${i}`)
  expect(windows.size()).toBe(3)
})
