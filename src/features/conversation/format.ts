import { formatClock } from '../../lib/format-time.ts'

// The conversation view names exact moments (a transcript is read, not scanned), where
// the list prefers relative times.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export function formatDateTime(ms: number): string {
  return dateTime.format(ms)
}

/** Time of day alone when the previous message was the same day; the date too when it changes. */
export function formatMessageTime(ms: number, previous: number | undefined): string {
  return previous !== undefined && sameDay(ms, previous) ? formatClock(ms) : dateTime.format(ms)
}

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString()
}

/** "3 h 12 min", "2 d 4 h", "45 min", "under 1 min": precise enough to size up a conversation. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 1) return 'under 1 min'
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const rest = minutes % 60
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`
  return `${rest} min`
}
