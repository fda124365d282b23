/** The reading pane before a conversation is opened: what it is for, and its keys. */
export function ReadingPaneEmpty() {
  return (
    <div className="reading-pane-empty">
      <p className="reading-pane-empty__title">No conversation open</p>
      <p>Choose one in the list to read it here.</p>
      <p>
        <kbd>j</kbd> and <kbd>k</kbd> open the next and the previous one; <kbd>Esc</kbd> closes it.
      </p>
    </div>
  )
}
