import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { browserTimeZone, todayIn } from '../../lib/calendar-day.ts'
import type { Activity } from '../../lib/contract.ts'
import type { ViewFilters } from '../../lib/list-query.ts'
import { activityQueries } from '../../lib/queries/activity-queries.ts'
import { ActivityBars } from './activity-bars.tsx'
import { activityStats, scaleTop } from './activity-stats.ts'
import { ActivityTable } from './activity-table.tsx'
import { chartRange } from './chart-range.ts'
import { dayRange, longDay } from './day-format.ts'
import './activity.css'
import { formatCount } from '../../lib/text.ts'

type Props = {
  /** The list's filters as sent to the server (a reversed range already left out). */
  filters: ViewFilters
  /** The mirror version of the rows the table shows: the chart is read again with them. */
  seen: number | null
}

/**
 * The Activity chart: conversations per day of `created_at` in the browser's time zone,
 * for the list's filters and created range (by default the 30 days ending today), with
 * the total, the daily median and the busiest day written out, and the same numbers as
 * a table. Loaded only when the Activity button opens it.
 */
export function ActivityChart({ filters, seen }: Props) {
  const titleId = useId()
  const zone = browserTimeZone()
  const range = chartRange(filters.from, filters.to, todayIn(zone))
  const problem = 'problem' in range ? range.problem : null
  const query = useQuery({ ...activityQueries.days(filters, seen), enabled: problem === null })
  const { data } = query

  return (
    <figure
      className="activity"
      aria-labelledby={titleId}
      aria-busy={problem === null && query.isFetching}
    >
      <figcaption className="activity-head">
        <span id={titleId} className="activity-title">
          Conversations per day
        </span>
        {'from' in range && (
          <span className="activity-range">
            {dayRange(range.from, range.to)}, by day of creation in {zone}
          </span>
        )}
      </figcaption>
      {problem !== null ? (
        <p className="activity-note">{problem}</p>
      ) : (
        <>
          {query.isError && (
            <div role="alert" className="notice notice-error activity-error">
              <div>
                <strong>The chart could not be loaded.</strong> <span>{query.error.message}</span>
              </div>
              <button
                type="button"
                className="button"
                disabled={query.isFetching}
                onClick={() => void query.refetch()}
              >
                Retry
              </button>
            </div>
          )}
          {data ? (
            <ActivityBody activity={data} stale={query.isPlaceholderData} />
          ) : (
            !query.isError && <p className="activity-note activity-loading">Counting…</p>
          )}
        </>
      )}
    </figure>
  )
}

function ActivityBody({ activity, stale }: { activity: Activity; stale: boolean }) {
  const stats = activityStats(activity.days)
  return (
    <div className="activity-body" data-stale={stale}>
      <dl className="activity-stats">
        <div>
          <dt>Total</dt>
          <dd>{formatCount(activity.total)}</dd>
        </div>
        <div>
          <dt>Daily median</dt>
          <dd>{stats.median.toLocaleString(undefined, { maximumFractionDigits: 1 })}</dd>
        </div>
        <div>
          <dt>Busiest day</dt>
          <dd>
            {stats.busiest ? (
              <>
                <time dateTime={stats.busiest.date}>{longDay(stats.busiest.date)}</time> (
                {formatCount(stats.busiest.count)})
              </>
            ) : (
              'none'
            )}
          </dd>
        </div>
      </dl>
      {activity.days.length > 0 && <ActivityBars days={activity.days} top={scaleTop(stats.max)} />}
      <ActivityTable days={activity.days} />
    </div>
  )
}
