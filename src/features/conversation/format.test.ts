import { expect, test } from 'vitest'
import { formatDuration } from './format.ts'

const MIN = 60_000

test('formats a duration in days, hours and minutes, dropping zero parts', () => {
  expect(formatDuration(20_000)).toBe('under 1 min')
  expect(formatDuration(45 * MIN)).toBe('45 min')
  expect(formatDuration(192 * MIN)).toBe('3 h 12 min')
  expect(formatDuration(120 * MIN)).toBe('2 h')
  expect(formatDuration((2 * 24 + 4) * 60 * MIN + 59 * MIN)).toBe('2 d 4 h')
  expect(formatDuration(24 * 60 * MIN)).toBe('1 d')
})
