import { useMemo, useState } from 'react'
import type { Conversation } from '../../lib/contract.ts'
import type { Snapshot } from '../../lib/snapshot-stream.ts'

const signature = (c: Conversation) =>
  [c.title, c.customer_user_id, c.message_count, c.created_at, c.updated_at].join('\u0000')

/** How many rows a newer snapshot adds, changes or drops compared with the one on screen. */
export function countChanges(shown: readonly Conversation[], latest: readonly Conversation[]) {
  const before = new Map(shown.map((row) => [row.id, signature(row)]))
  let changes = 0
  for (const row of latest) {
    if (before.get(row.id) !== signature(row)) changes++
    before.delete(row.id)
  }
  return changes + before.size
}

/**
 * The snapshot the table shows. It follows the cache while the first load streams in;
 * after that a background refresh only offers its changes (`pending`) until the reader
 * asks for them, so rows never move under the cursor. A refresh without changes is
 * taken over silently (it only moves "as of").
 */
export function useShownSnapshot(latest: Snapshot<Conversation> | undefined) {
  const [shown, setShown] = useState(latest)
  const pending = useMemo(
    () =>
      shown?.done && latest?.done && shown !== latest ? countChanges(shown.rows, latest.rows) : 0,
    [shown, latest],
  )
  const follow = latest !== undefined && latest !== shown && (!shown?.done || pending === 0)
  if (follow) setShown(latest)
  return {
    snapshot: follow ? latest : shown,
    pending: follow ? 0 : pending,
    show: (next: Snapshot<Conversation> | undefined = latest) => setShown(next),
  }
}
