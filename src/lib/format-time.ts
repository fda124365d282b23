const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' })
const sameYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' })
const otherYear = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const clockTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })

/** Milliseconds since the epoch, or undefined for a missing or unparseable date. */
export function parseTime(value: string | null | undefined): number | undefined {
  if (!value) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date. */
export function formatRelative(ms: number, now: number): string {
  const age = now - ms
  if (age < -MINUTE) return formatDate(ms, now)
  if (age < MINUTE) return 'just now'
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`
  if (age < DAY) return `${Math.floor(age / HOUR)} h ago`
  if (age < 2 * DAY) return 'yesterday'
  if (age < 7 * DAY) return `${Math.floor(age / DAY)} days ago`
  return formatDate(ms, now)
}

function formatDate(ms: number, now: number): string {
  const sameCalendarYear = new Date(ms).getFullYear() === new Date(now).getFullYear()
  return (sameCalendarYear ? sameYear : otherYear).format(ms)
}

// A full date with the time zone's name is slow to write (about 50 µs), and every render
// of the list asks it for each row's two dates again: the strings are kept.
const exactTexts = new Map<number, string>()

/** The full local date and time, for a tooltip. */
export function formatExact(ms: number): string {
  let text = exactTexts.get(ms)
  if (text === undefined) {
    if (exactTexts.size >= 2000) exactTexts.clear()
    text = exact.format(ms)
    exactTexts.set(ms, text)
  }
  return text
}

/** "14:05" in the reader's locale. */
export function formatClock(ms: number): string {
  return clockTime.format(ms)
}
