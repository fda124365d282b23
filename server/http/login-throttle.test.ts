import { expect, test } from 'vitest'
import {
  createLoginThrottle,
  delayForScore,
  freeFailures,
  halfLifeMs,
  maxDelayMs,
} from './login-throttle.ts'

function throttle(maxKeys = 100) {
  const clock = { now: 1_000_000 }
  return { clock, throttle: createLoginThrottle({ now: () => clock.now, maxKeys }) }
}

const failTimes = (fail: () => number, times: number) =>
  Array.from({ length: times }, () => fail()).at(-1)

test('the first wrong passwords cost nothing, then the delay doubles up to its cap', () => {
  expect(delayForScore(1)).toBe(0)
  expect(delayForScore(freeFailures)).toBe(0)
  expect(delayForScore(freeFailures + 1)).toBe(1_000)
  expect(delayForScore(freeFailures + 2)).toBe(2_000)
  expect(delayForScore(freeFailures + 3)).toBe(4_000)
  expect(delayForScore(50)).toBe(maxDelayMs)
})

test('remembers at most maxKeys addresses and user names, however many are tried', () => {
  const { throttle: limits, clock } = throttle(100)
  for (let i = 0; i < 50_000; i++) {
    limits.fail(`198.51.100.${i}`, `user-${i}`)
    if (i % 1000 === 0) clock.now += 60_000
  }
  expect(limits.size()).toEqual({ addresses: 100, users: 100 })
})

test('a flood of new addresses cannot push out an address that is being slowed', () => {
  const { throttle: limits } = throttle(100)
  failTimes(() => limits.fail('203.0.113.9', undefined), 12)
  for (let i = 0; i < 50_000; i++) limits.fail(`2001:db8:${i.toString(16)}::/64`, undefined)
  expect(limits.fail('203.0.113.9', undefined)).toBe(maxDelayMs)
})

test('a flood of new user names cannot push out a user name that is being slowed', () => {
  const { throttle: limits } = throttle(100)
  for (let i = 0; i < 12; i++) limits.fail(`203.0.113.${i}`, 'support')
  for (let i = 0; i < 50_000; i++) limits.fail('198.51.100.1', `random-${i}`)
  expect(limits.fail('198.51.100.200', 'support')).toBe(maxDelayMs)
})

test('what a full table cannot place is counted together, so a flood slows itself', () => {
  const { throttle: limits } = throttle(100)
  for (let i = 0; i < 100; i++) failTimes(() => limits.fail(`a-${i}`, undefined), 3)
  const delays = Array.from({ length: 12 }, (_, i) => limits.fail(`newcomer-${i}`, undefined))
  expect(delays.slice(0, freeFailures)).toEqual([0, 0, 0, 0, 0])
  expect(delays.at(-1)).toBe(maxDelayMs)
})

test('scores that have worn off make room for newcomers, each counted on its own', () => {
  const { throttle: limits, clock } = throttle(100)
  for (let i = 0; i < 100; i++) failTimes(() => limits.fail(`old-${i}`, undefined), 12)
  clock.now += 12 * halfLifeMs
  const sixth = Array.from({ length: 100 }, (_, i) =>
    failTimes(() => limits.fail(`new-${i}`, undefined), freeFailures + 1),
  )
  expect(new Set(sixth)).toEqual(new Set([delayForScore(freeFailures + 1)]))
  expect(limits.size().addresses).toBe(100)
})

test('a score wears off with time', () => {
  const { throttle: limits, clock } = throttle()
  expect(failTimes(() => limits.fail('203.0.113.9', 'support'), 12)).toBe(maxDelayMs)
  clock.now += 6 * halfLifeMs
  expect(limits.fail('203.0.113.9', 'support')).toBe(0)
})
