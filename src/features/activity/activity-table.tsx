import type { DayCount } from './activity-stats.ts'

/** The chart's numbers for screen readers and tests: one row per day, zeros included. */
export function ActivityTable({ days }: { days: readonly DayCount[] }) {
  return (
    <table className="visually-hidden">
      <caption>Conversations per day</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Conversations</th>
        </tr>
      </thead>
      <tbody>
        {days.map((day) => (
          <tr key={day.date}>
            <td>{day.date}</td>
            <td>{day.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
