import { expect, test } from 'vitest'
import { ApiFailure } from '../errors.ts'
import { dayStartMs, daysBetween, isCalendarDay, nextDay, todayIn } from './day-bounds.ts'

test('a day begins at local midnight in the given zone, not the server one', () => {
  expect(new Date(dayStartMs('2026-01-15', 'Europe/Paris')).toISOString()).toBe(
    '2026-01-14T23:00:00.000Z',
  )
  expect(new Date(dayStartMs('2026-07-15', 'Europe/Paris')).toISOString()).toBe(
    '2026-07-14T22:00:00.000Z',
  )
  expect(new Date(dayStartMs('2026-07-15', 'America/Los_Angeles')).toISOString()).toBe(
    '2026-07-15T07:00:00.000Z',
  )
  expect(new Date(dayStartMs('2026-07-15', 'Asia/Kolkata')).toISOString()).toBe(
    '2026-07-14T18:30:00.000Z',
  )
  expect(new Date(dayStartMs('2026-07-15', 'UTC')).toISOString()).toBe('2026-07-15T00:00:00.000Z')
})

test('days across a DST change are 23 or 25 hours long', () => {
  const hours = (day: string) =>
    (dayStartMs(nextDay(day), 'Europe/Paris') - dayStartMs(day, 'Europe/Paris')) / 3_600_000
  expect(hours('2026-03-29')).toBe(23)
  expect(hours('2026-10-25')).toBe(25)
  expect(hours('2026-06-01')).toBe(24)
})

test('an unknown zone is a 400', () => {
  expect(() => dayStartMs('2026-01-01', 'Mars/Olympus')).toThrow(ApiFailure)
})

test('calendar days, ranges and today', () => {
  expect(isCalendarDay('2026-02-28')).toBe(true)
  expect(isCalendarDay('2026-02-30')).toBe(false)
  expect(daysBetween('2026-02-27', '2026-03-02')).toEqual([
    '2026-02-27',
    '2026-02-28',
    '2026-03-01',
    '2026-03-02',
  ])
  expect(todayIn('Pacific/Kiritimati', Date.parse('2026-11-30T12:00:00Z'))).toBe('2026-12-01')
  expect(todayIn('Pacific/Pago_Pago', Date.parse('2026-11-30T05:00:00Z'))).toBe('2026-11-29')
})
