import { useNow } from '../lib/clock.ts'
import { formatExact, formatRelative, parseTime } from '../lib/format-time.ts'
import { MissingValue } from './missing-value.tsx'

/** "5 min ago" that keeps itself current, with the exact local time on hover. */
export function RelativeTime({ value }: { value: string | null | undefined }) {
  const now = useNow()
  const ms = parseTime(value)
  if (ms === undefined) return value ? <span>{value}</span> : <MissingValue />
  return (
    <time dateTime={value ?? undefined} title={formatExact(ms)}>
      {formatRelative(ms, now)}
    </time>
  )
}
