import { useMemo, useState } from 'react'
import type { Conversation, CustomerUser } from '../../lib/contract.ts'
import type { Snapshot } from '../../lib/snapshot-stream.ts'

export type Snapshots = {
  conversations: Snapshot<Conversation> | undefined
  customers: Snapshot<CustomerUser> | undefined
}

const conversationSignature = (c: Conversation) =>
  [c.title, c.customer_user_id, c.message_count, c.created_at, c.updated_at].join('\u0000')
const customerSignature = (c: CustomerUser) => [c.name, c.email].join('\u0000')

/** How many rows `latest` adds, changes or drops compared with the rows on screen. */
function changes<Row extends { id: string }>(
  shown: readonly Row[],
  latest: readonly Row[],
  signature: (row: Row) => string,
) {
  const before = new Map(shown.map((row) => [row.id, signature(row)]))
  let changed = 0
  for (const row of latest) {
    if (before.get(row.id) !== signature(row)) changed++
    before.delete(row.id)
  }
  return changed + before.size
}

/** What the table shows (`shown`), and the snapshot of the cache it was taken from. */
type Held<Row> = { source: Snapshot<Row>; shown: Snapshot<Row> }
type HeldSnapshots = {
  conversations: Held<Conversation> | undefined
  customers: Held<CustomerUser> | undefined
}

/** The rows on screen and a newer complete snapshot of the cache, once there is one. */
function newer<Row>(held: Held<Row> | undefined, latest: Snapshot<Row> | undefined) {
  return held?.source.done && latest?.done && held.source !== latest
    ? { shown: held.shown.rows, latest }
    : null
}

function changeCount<Row extends { id: string }>(
  held: Held<Row> | undefined,
  latest: Snapshot<Row> | undefined,
  signature: (row: Row) => string,
) {
  const refresh = newer(held, latest)
  return refresh ? changes(refresh.shown, refresh.latest.rows, signature) : 0
}

/**
 * What to show of one entity: the cache while nothing complete is held; the held snapshot
 * while a newer one waits (`hold`); else the newer one, keeping the rows already on screen
 * when nothing changed, so nothing downstream is recomputed for it.
 */
function next<Row>(
  held: Held<Row> | undefined,
  latest: Snapshot<Row> | undefined,
  changed: number,
  hold: boolean,
): Held<Row> | undefined {
  if (!held?.source.done) return latest && { source: latest, shown: latest }
  if (!newer(held, latest) || !latest || hold) return held
  return { source: latest, shown: changed === 0 ? { ...latest, rows: held.shown.rows } : latest }
}

function hold<Row>(snapshot: Snapshot<Row> | undefined): Held<Row> | undefined {
  return snapshot && { source: snapshot, shown: snapshot }
}

/**
 * The snapshots the table shows. They follow the cache while the first load streams in;
 * after that a background refresh only offers its changes (`pending`) until the reader asks
 * for them, so rows never move under the cursor. A refresh without changes is taken over
 * silently (it only moves "as of"). Customer names decide the order and the matches only
 * when `customersMatter` (sorted or filtered by customer): only then is a customer refresh
 * held back, to be shown with the conversations.
 */
export function useShownSnapshot(latest: Snapshots, customersMatter: boolean) {
  const [held, setHeld] = useState<HeldSnapshots>({
    conversations: undefined,
    customers: undefined,
  })
  const pending = useMemo(
    () => changeCount(held.conversations, latest.conversations, conversationSignature),
    [held.conversations, latest.conversations],
  )
  const customerChanges = useMemo(
    () => changeCount(held.customers, latest.customers, customerSignature),
    [held.customers, latest.customers],
  )
  const conversations = next(held.conversations, latest.conversations, pending, pending > 0)
  const customersPending = customersMatter && customerChanges > 0
  const customers = next(held.customers, latest.customers, customerChanges, customersPending)
  // Remember what is shown once it is complete, so the next refresh is compared with it.
  const keep = <Row>(now: Held<Row> | undefined, before: Held<Row> | undefined) =>
    now?.source.done ? now : before
  const nextHeld = {
    conversations: keep(conversations, held.conversations),
    customers: keep(customers, held.customers),
  }
  if (nextHeld.conversations !== held.conversations || nextHeld.customers !== held.customers) {
    setHeld(nextHeld)
  }

  return {
    conversations: conversations?.shown,
    customers: customers?.shown,
    /** Conversations a refresh would add, change or remove. */
    pending,
    /** A refresh renamed customers that the current order or filter depends on. */
    customersPending,
    /** Shows the latest snapshots, or the ones given (a Refresh's own result). */
    show: (given: Partial<Snapshots> = {}) =>
      setHeld({
        conversations: hold(given.conversations ?? latest.conversations),
        customers: hold(given.customers ?? latest.customers),
      }),
  }
}
