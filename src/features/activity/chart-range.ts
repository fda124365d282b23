import { addDays, daysSpanned } from '../../lib/calendar-day.ts'
import { formatCount } from '../../lib/text.ts'

/** The server charts at most two years. */
export const MAX_CHART_DAYS = 731
/** Without a range: the 30 days ending today. */
export const DEFAULT_CHART_DAYS = 30

export type ChartRange = { from: string; to: string } | { problem: string }

/**
 * The days the chart covers for `Created from` / `Created to` ('' when not set), as the
 * server reckons them, or why it cannot chart them: asked anyway, the server would refuse.
 */
export function chartRange(from: string, to: string, today: string): ChartRange {
  const end = to || today
  const start = from || addDays(end, 1 - DEFAULT_CHART_DAYS)
  if (start > end) return { problem: 'Created from is after today: there are no days to chart.' }
  const days = daysSpanned(start, end)
  if (days > MAX_CHART_DAYS) {
    return {
      problem: `The chart covers at most ${MAX_CHART_DAYS} days (two years); this range has ${formatCount(days)}. Narrow Created from or Created to.`,
    }
  }
  return { from: start, to: end }
}
