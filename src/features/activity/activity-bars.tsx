import { useRef, useState, type KeyboardEvent } from 'react'
import { countLabel, formatCount } from '../../lib/text.ts'
import type { DayCount } from './activity-stats.ts'
import { longDay, shortDay } from './day-format.ts'

const HEIGHT = 100
/** A day with any conversation shows at least this much bar (of 100). */
const MIN_BAR = 1.5

const KEY_STEPS: Record<string, (at: number, last: number) => number> = {
  ArrowRight: (at) => at + 1,
  ArrowLeft: (at) => at - 1,
  PageDown: (at) => at + 7,
  PageUp: (at) => at - 7,
  Home: () => 0,
  End: (_, last) => last,
}

type Props = { days: readonly DayCount[]; top: number }

/**
 * One bar per day, on a scale of 0 to `top`. Each day is one stop for the pointer and the
 * keyboard (Tab reaches the chart once, arrows move from day to day): it says its date
 * and count, and shows them in a tooltip, which Escape hides.
 */
export function ActivityBars({ days, top }: Props) {
  const svg = useRef<SVGSVGElement>(null)
  const last = days.length - 1
  const [active, setActive] = useState(last)
  const [hovered, setHovered] = useState<number | null>(null)
  const [focused, setFocused] = useState(false)
  const at = Math.min(active, last)
  const tip = hovered ?? (focused ? at : null)
  const gap = days.length > 90 ? 0.1 : 0.2

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      setHovered(null)
      setFocused(false)
      return
    }
    const step = KEY_STEPS[event.key]
    if (!step) return
    event.preventDefault()
    const next = Math.max(0, Math.min(last, step(at, last)))
    setActive(next)
    svg.current?.querySelectorAll<SVGElement>('[data-day]')[next]?.focus()
  }

  return (
    <div className="activity-plot">
      <div className="activity-axis-y" aria-hidden="true">
        <span>{formatCount(top)}</span>
        <span>0</span>
      </div>
      <div className="activity-area">
        <svg
          ref={svg}
          className="activity-bars"
          viewBox={`0 0 ${days.length} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="group"
          aria-label="One bar per day; the arrow keys move from day to day"
          onKeyDown={onKeyDown}
          onPointerLeave={() => setHovered(null)}
        >
          {[0, 0.5, 1].map((share) => (
            <line
              key={share}
              className="activity-grid"
              x1={0}
              x2={days.length}
              y1={HEIGHT * share}
              y2={HEIGHT * share}
            />
          ))}
          {days.map((day, i) => {
            const height = day.count === 0 ? 0 : Math.max((day.count / top) * HEIGHT, MIN_BAR)
            return (
              <g key={day.date}>
                <rect
                  data-day={day.date}
                  className="activity-day"
                  x={i}
                  y={0}
                  width={1}
                  height={HEIGHT}
                  role="img"
                  aria-label={`${day.date}: ${countLabel(day.count, 'conversation', 'conversations')}`}
                  tabIndex={i === at ? 0 : -1}
                  onFocus={() => {
                    setActive(i)
                    setFocused(true)
                  }}
                  onBlur={() => setFocused(false)}
                  onPointerEnter={() => setHovered(i)}
                />
                <rect
                  className="activity-bar"
                  x={i + gap / 2}
                  y={HEIGHT - height}
                  width={1 - gap}
                  height={height}
                  aria-hidden="true"
                />
              </g>
            )
          })}
        </svg>
        {tip !== null && days[tip] && <Tooltip day={days[tip]} at={(tip + 0.5) / days.length} />}
      </div>
      <div className="activity-axis-x" aria-hidden="true">
        <span>{days[0] && shortDay(days[0].date)}</span>
        <span>{days[last] && shortDay(days[last].date)}</span>
      </div>
    </div>
  )
}

/** Above its bar, kept inside the chart: shifted left as much as it sits to the right. */
function Tooltip({ day, at }: { day: DayCount; at: number }) {
  const percent = `${(at * 100).toFixed(2)}%`
  return (
    <div
      className="activity-tip"
      aria-hidden="true"
      style={{ left: percent, transform: `translateX(-${percent})` }}
    >
      <strong>{longDay(day.date)}</strong>
      <span>{countLabel(day.count, 'conversation', 'conversations')}</span>
    </div>
  )
}
