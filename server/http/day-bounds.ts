// Calendar days in the browser's time zone as instants. The server never assumes its own
// zone: the page sends its IANA zone (`tz`) with `from` and `to`, and a day is
// [its local midnight, the next local midnight), DST days being 23 or 25 hours long.
import { ApiFailure } from '../errors.ts'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone)
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
    } catch {
      throw new ApiFailure(
        400,
        'invalid_query',
        'tz must be an IANA time zone such as Europe/Paris.',
      )
    }
    if (formatters.size > 500) formatters.clear()
    formatters.set(zone, format)
  }
  return format
}

/** The zone's offset from UTC at `instant`, in ms (e.g. +3,600,000 for Paris in winter). */
function offsetMs(zone: string, instant: number): number {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  )
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  )
  return asUtc - Math.floor(instant / 1000) * 1000
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`)

/** Whether `day` is a real calendar day (2025-02-30 is not). */
export function isCalendarDay(day: string): boolean {
  const ms = dayNumber(day)
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === day
}

/** The instant `day` begins in `zone`. */
export function dayStartMs(day: string, zone: string): number {
  const wall = dayNumber(day)
  // Two rounds settle it: the offset at the guess, then at the corrected instant.
  let instant = wall - offsetMs(zone, wall)
  instant = wall - offsetMs(zone, instant)
  return instant
}

/** YYYY-MM-DD of the day after `day`. */
export const nextDay = (day: string) =>
  new Date(dayNumber(day) + 86_400_000).toISOString().slice(0, 10)

/** Today's date in `zone`. */
export function todayIn(zone: string, now: number): string {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  )
  return `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''}`
}

/** `from` … `to`, inclusive, as day strings. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = []
  for (let day = from; day <= to; day = nextDay(day)) days.push(day)
  return days
}
