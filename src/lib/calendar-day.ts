// `Created from` and `Created to` are calendar days (YYYY-MM-DD) in the browser's time
// zone: the page sends the zone with them, and the server turns them into instants.
import { dayPattern } from './contract.ts'

const DAY_MS = 86_400_000

/** The browser's IANA time zone, in which the page's days are meant. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`)
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** A real calendar day written YYYY-MM-DD (2025-02-30 is not one). */
export function isCalendarDay(value: string): boolean {
  if (!dayPattern.test(value)) return false
  const ms = dayNumber(value)
  return Number.isFinite(ms) && dayOf(ms) === value
}

/** `day` moved by `days` (negative goes back). */
export const addDays = (day: string, days: number) => dayOf(dayNumber(day) + days * DAY_MS)

/** How many days `from` … `to` covers, both included. */
export const daysSpanned = (from: string, to: string) =>
  Math.round((dayNumber(to) - dayNumber(from)) / DAY_MS) + 1

/** Today's date in `zone`. */
export function todayIn(zone: string, now = Date.now()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
}

/** A range that ends before it begins; the page says so and does not send it. */
export const isReversed = (from: string, to: string) => from !== '' && to !== '' && from > to
