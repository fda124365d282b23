type Props = { kind: 'none' } | { kind: 'no-match'; loading: boolean; onClear: () => void }

/** Said in place of rows, below the column headers, so the table keeps its shape. */
export function EmptyState(props: Props) {
  if (props.kind === 'none') {
    return (
      <div className="empty">
        <p className="empty-title">No conversations yet</p>
        <p>Conversations show up here once customers start chatting with your agent.</p>
      </div>
    )
  }
  return (
    <div className="empty">
      <p className="empty-title">Nothing matches these filters</p>
      <p>
        {props.loading
          ? 'Not among the conversations loaded so far; the rest are still loading.'
          : 'Try another customer, or fewer words in a search.'}
      </p>
      <button type="button" className="button" onClick={props.onClear}>
        Clear filters
      </button>
    </div>
  )
}
