import { RelativeTime } from '../../components/relative-time.tsx'

type Props = {
  asOf: string | null
  pending: number
  /** Customers were renamed in a way that would reorder or refilter the rows. */
  customersPending: boolean
  refreshing: boolean
  onRefresh: () => void
  onShow: () => void
}

/** How old the list is, what a newer snapshot would change, and a way to fetch one now. */
export function ListFreshness(props: Props) {
  const { asOf, pending, customersPending, refreshing, onRefresh, onShow } = props
  return (
    <div className="freshness">
      {(pending > 0 || customersPending) && (
        <span className="pending">
          {pending > 0 ? `${pending.toLocaleString()} new or updated` : 'Customer details updated'}
          <button type="button" className="button button-accent" onClick={onShow}>
            Show
          </button>
        </span>
      )}
      {asOf && (
        <span className="as-of">
          as of <RelativeTime value={asOf} />
        </span>
      )}
      <button
        type="button"
        className="button"
        onClick={onRefresh}
        disabled={refreshing}
        aria-busy={refreshing}
      >
        <span className="refresh-icon" aria-hidden="true" data-spinning={refreshing || undefined}>
          ↻
        </span>
        Refresh
      </button>
    </div>
  )
}
