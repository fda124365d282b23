import type { Conversation } from '../../lib/contract.ts'
import { foldText } from '../../lib/text.ts'

/** Per-row search keys, computed once per row: typing must never re-normalise 100,000 titles. */
export type RowKeys = {
  titles: readonly string[]
  customerIds: readonly string[]
}

// Keyed by the row object, so a snapshot that grows while streaming folds only its new rows.
const foldedTitles = new WeakMap<Conversation, string>()

function foldedTitle(row: Conversation): string {
  let folded = foldedTitles.get(row)
  if (folded === undefined) {
    // One line per title in the search text: a newline inside a title must not split it.
    folded = foldText(row.title ?? '').replace(/[\r\n]/g, ' ')
    foldedTitles.set(row, folded)
  }
  return folded
}

export function rowKeys(rows: readonly Conversation[]): RowKeys {
  return {
    titles: rows.map(foldedTitle),
    customerIds: rows.map((row) => (row.customer_user_id ?? '').toLowerCase()),
  }
}
