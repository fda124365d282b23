type Props = { refreshing: boolean; onRefresh: () => void }

/**
 * Said when the server's crawl ended with `complete: false`: the list moved while it was
 * read (rows shift between offset pages), so some conversations may be missing.
 */
export function IncompleteNotice({ refreshing, onRefresh }: Props) {
  return (
    <div className="notice notice-wait">
      <div>
        <strong>This list may be incomplete:</strong> conversations changed while it was being read.
        Refresh to try again.
      </div>
      <button type="button" className="button" onClick={onRefresh} disabled={refreshing}>
        Refresh list
      </button>
    </div>
  )
}
