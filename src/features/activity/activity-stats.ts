import type { Activity } from '../../lib/contract.ts'

export type DayCount = Activity['days'][number]

export type ActivityStats = {
  total: number
  /** The middle day's count (the mean of the two middle ones for an even number of days). */
  median: number
  /** The day with the most conversations (the earliest of equals); null when all are 0. */
  busiest: DayCount | null
  /** The largest daily count, for the chart's scale. */
  max: number
}

/** What the chart writes out, from the days the server counted (zeros included). */
export function activityStats(days: readonly DayCount[]): ActivityStats {
  const counts = days.map((day) => day.count).sort((a, b) => a - b)
  const middle = Math.floor(counts.length / 2)
  const median =
    counts.length === 0
      ? 0
      : counts.length % 2 === 1
        ? (counts[middle] ?? 0)
        : ((counts[middle - 1] ?? 0) + (counts[middle] ?? 0)) / 2
  let busiest: DayCount | null = null
  for (const day of days) if (day.count > (busiest?.count ?? 0)) busiest = day
  return {
    total: counts.reduce((sum, count) => sum + count, 0),
    median,
    busiest,
    max: busiest?.count ?? 0,
  }
}

/** A round top for the scale: 1, 2, 2.5 or 5 times a power of ten, at least `max` (and 1). */
export function scaleTop(max: number): number {
  if (max <= 1) return 1
  const power = 10 ** Math.floor(Math.log10(max))
  // 2.5 only from 25 up, so the top stays a whole number.
  const factors = power >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10]
  const factor = factors.find((f) => f * power >= max) ?? 10
  return factor * power
}
