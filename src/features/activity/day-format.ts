// A chart day is a calendar day, not an instant: it is formatted as the UTC day it names,
// so no zone can move it to the day before.
const long = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})
const short = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
})
const medium = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })

const instant = (day: string) => Date.parse(`${day}T00:00:00Z`)

/** "Mon, Mar 3, 2025" in the reader's locale. */
export const longDay = (day: string) => long.format(instant(day))
/** "Mar 3", for the chart's axis. */
export const shortDay = (day: string) => short.format(instant(day))
/** "Mar 1 – 30, 2025": the days a chart covers. */
export const dayRange = (from: string, to: string) => medium.formatRange(instant(from), instant(to))
