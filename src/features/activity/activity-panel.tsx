import { lazy, Suspense } from 'react'
import type { ViewFilters } from '../../lib/list-query.ts'

const PANEL_ID = 'activity-panel'

// The chart is its own chunk, fetched when first wanted (the button's hover or focus
// starts it early), so the list's first load carries none of it.
const loadChart = () =>
  import('./activity-chart.tsx').then((module) => ({ default: module.ActivityChart }))
const ActivityChart = lazy(loadChart)
const preload = () => void loadChart().catch(() => undefined)

type ButtonProps = { open: boolean; onToggle: () => void }

/** `Activity`: shows or hides the chart of conversations per day. */
export function ActivityButton({ open, onToggle }: ButtonProps) {
  return (
    <button
      type="button"
      className="button"
      aria-expanded={open}
      aria-controls={open ? PANEL_ID : undefined}
      onPointerEnter={preload}
      onFocus={preload}
      onClick={onToggle}
    >
      Activity
    </button>
  )
}

type PanelProps = { filters: ViewFilters; seen: number | null }

/** Where the chart shows once the Activity button has opened it. */
export function ActivityPanel({ filters, seen }: PanelProps) {
  return (
    <div id={PANEL_ID} className="activity-panel">
      <Suspense fallback={<p className="activity-panel-loading">Loading the chart…</p>}>
        <ActivityChart filters={filters} seen={seen} />
      </Suspense>
    </div>
  )
}
