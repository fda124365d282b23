import { expect, test } from 'vitest'
import { createOrderCheck } from './list-order.ts'

const rows = (...days: (number | null)[]) =>
  days.map((day) => ({
    created_at: day === null ? null : new Date(Date.UTC(2025, 0, day)).toISOString(),
  }))

test('finds a list newest-created first, missing dates skipped', () => {
  const check = createOrderCheck()
  check.record(2, 6, rows(3, null, 2, 1))
  check.record(1, 6, rows(6, 5, 5, null, 4))
  expect(check.verdict()).toBe(true)
})

test('finds a list that is not, inside a page', () => {
  const check = createOrderCheck()
  check.record(1, 4, rows(4, 2, 3, 1))
  expect(check.verdict()).toBe(false)
})

test('finds a list that is not, across two pages read at the same total', () => {
  const check = createOrderCheck()
  check.record(1, 4, rows(4, 3))
  check.record(2, 4, rows(5, 1))
  expect(check.verdict()).toBe(false)
})

test('does not compare pages read at different totals, which arrivals at the head shift', () => {
  const check = createOrderCheck()
  check.record(1, 4, rows(4, 3))
  check.record(2, 6, rows(5, 4))
  expect(check.verdict()).toBe(true)
})

test('cannot tell without two dates to compare', () => {
  const check = createOrderCheck()
  check.record(1, 3, rows(null, 7, null))
  expect(check.verdict()).toBeNull()
})
