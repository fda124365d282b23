/**
 * Said when the server's last complete pass saw the list move in a way it could not
 * account for (rows shift between offset pages), so some conversations may be missing.
 * The sync's next pass tries again by itself.
 */
export function IncompleteNotice() {
  return (
    <div className="notice notice-wait">
      <div>
        <strong>This list may be incomplete:</strong> conversations changed while it was being read.
        The next refresh, in the background, tries again.
      </div>
    </div>
  )
}
