// Conversations in, one transaction per call. A row is marked seen on every upsert but
// changed only when an upstream field or its customer's name or email really differs, so
// a refresh that reads the same page again raises neither the version nor any count.
// A conversation that changes keeps its messages: the message sync finds it stale (its
// message_count or updated_at differ from what they were read for) and reads them again.
// A title enters the trigram index here only where the index already reaches: a first
// fill leaves it to indexDeferredTitles (title-index.ts).
import type { Conversation } from '../../../src/lib/contract.ts'
import { customerKey, epochMs, lowerText, titleKey } from '../sort-keys.ts'
import { numberOf, textOf, type Database, type Row } from './database.ts'
import { deferTitlesOfFirstFill, titleCoverage, type TitleCoverage } from './title-index.ts'
import { deleteMessages } from './write-messages.ts'
import { nextSeq, recordRemoval, UNSEEN_STEP, unseenSteps, upsertPage } from './write-sequence.ts'

type Values = {
  title: string | null
  customerUserId: string | null
  messageCount: number | null
  createdAt: string | null
  updatedAt: string | null
  customerName: string | null
  customerEmail: string | null
  customerRef: number | null
}

const sameContent = (row: Row, v: Values) =>
  textOf(row.title) === v.title &&
  textOf(row.customer_user_id) === v.customerUserId &&
  numberOf(row.message_count) === v.messageCount &&
  textOf(row.created_at) === v.createdAt &&
  textOf(row.updated_at) === v.updatedAt &&
  textOf(row.customer_name) === v.customerName &&
  textOf(row.customer_email) === v.customerEmail &&
  numberOf(row.customer_ref) === v.customerRef

/**
 * What a batch's writes look up, read with one query per table instead of one per row (at a
 * first fill the two lookups per row were a fifth of the write path's CPU). An id with a
 * lone surrogate is read alone: SQLite stores it with U+FFFD in its place, so the map
 * would miss it. So is a second copy of an id in the batch, since the first changed it.
 */
type Lookups = {
  existing: (id: string) => Row | undefined
  customer: (id: string) => Row | undefined
}

function byId(db: Database, select: string, ids: readonly string[]): Map<string, Row> {
  const rows = db.all(`${select} IN (SELECT value FROM json_each(?))`, [JSON.stringify(ids)])
  return new Map(rows.map((row) => [textOf(row.id) ?? '', row]))
}

function lookupsOf(db: Database, rows: readonly Conversation[]): Lookups {
  const existing = byId(
    db,
    'SELECT * FROM conversations WHERE id',
    rows.map((row) => row.id),
  )
  const customers = byId(
    db,
    'SELECT rowid, id, name, email FROM customers WHERE id',
    rows.flatMap((row) => row.customer_user_id ?? []),
  )
  const met = new Set<string>()
  return {
    existing(id) {
      const alone = met.has(id) || !id.isWellFormed()
      met.add(id)
      return alone ? db.get('SELECT * FROM conversations WHERE id = ?', [id]) : existing.get(id)
    },
    customer: (id) =>
      id.isWellFormed()
        ? customers.get(id)
        : db.get('SELECT rowid, id, name, email FROM customers WHERE id = ?', [id]),
  }
}

function valuesOf(lookups: Lookups, conversation: Conversation): Values {
  const customerUserId = conversation.customer_user_id ?? null
  const customer = customerUserId === null ? undefined : lookups.customer(customerUserId)
  return {
    title: conversation.title ?? null,
    customerUserId,
    messageCount: conversation.message_count ?? null,
    createdAt: conversation.created_at ?? null,
    updatedAt: conversation.updated_at ?? null,
    customerName: textOf(customer?.name),
    customerEmail: textOf(customer?.email),
    customerRef: numberOf(customer?.rowid),
  }
}

const columns = (v: Values) => [
  v.title,
  v.customerUserId,
  v.messageCount,
  v.createdAt,
  v.updatedAt,
  v.customerName,
  v.customerEmail,
  v.customerRef,
  titleKey(v.title),
  customerKey({ name: v.customerName, email: v.customerEmail }, v.customerUserId),
  v.customerUserId === null ? null : lowerText(v.customerUserId),
  epochMs(v.createdAt),
  epochMs(v.updatedAt),
]

const SET = `title = ?, customer_user_id = ?, message_count = ?, created_at = ?, updated_at = ?,
  customer_name = ?, customer_email = ?, customer_ref = ?, title_key = ?, customer_key = ?, customer_id_lc = ?,
  created_ms = ?, updated_ms = ?`

/** Upserts one conversation; true when it is new or its content changed. */
function upsertOne(
  db: Database,
  lookups: Lookups,
  conversation: Conversation,
  seq: number,
  titles: TitleCoverage,
  onInsert: () => void,
): boolean {
  const values = valuesOf(lookups, conversation)
  const existing = lookups.existing(conversation.id)
  if (existing && sameContent(existing, values)) {
    db.run('UPDATE conversations SET seen_seq = ? WHERE rowid = ?', [seq, existing.rowid ?? null])
    return false
  }
  const row = columns(values)
  const key = titleKey(values.title)
  if (!existing) {
    const rowid = db.insert(
      `INSERT INTO conversations (id, title, customer_user_id, message_count, created_at,
         updated_at, customer_name, customer_email, customer_ref, title_key, customer_key,
         customer_id_lc, created_ms, updated_ms, seen_seq, changed_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [conversation.id, ...row, seq, seq],
    )
    if (key !== null && titles(rowid)) indexTitle(db, rowid, key)
    onInsert()
    return true
  }
  const rowid = numberOf(existing.rowid) ?? 0
  db.run(`UPDATE conversations SET ${SET}, seen_seq = ?, changed_seq = ? WHERE rowid = ?`, [
    ...row,
    seq,
    seq,
    rowid,
  ])
  const oldKey = textOf(existing.title_key)
  if (oldKey !== key && titles(rowid)) {
    if (oldKey !== null) db.run('DELETE FROM title_text WHERE rowid = ?', [rowid])
    if (key !== null) indexTitle(db, rowid, key)
  }
  return true
}

const indexTitle = (db: Database, rowid: number, key: string) =>
  db.run('INSERT INTO title_text (rowid, title_key) VALUES (?, ?)', [rowid, key])

/** Upserts a page in one transaction; conversation_count grows by its new rows, once. */
export function upsertConversations(db: Database, rows: readonly Conversation[]): number {
  let inserted = 0
  let batch: { titles: TitleCoverage; lookups: Lookups } | undefined
  return upsertPage(
    db,
    rows,
    (db, row, seq) => {
      // Read once per page, in its transaction, before its first row is written.
      if (!batch) {
        deferTitlesOfFirstFill(db)
        batch = { titles: titleCoverage(db), lookups: lookupsOf(db, rows) }
      }
      return upsertOne(db, batch.lookups, row, seq, batch.titles, () => inserted++)
    },
    () => {
      if (inserted > 0)
        db.run('UPDATE mirror SET conversation_count = conversation_count + ?', [inserted])
    },
  )
}

/**
 * Drops every conversation not upserted since `mark`, with its messages, one range of
 * rowids at a time: each step is a transaction of its own, yields how many it removed (the
 * caller lets other work run between steps), and raises the version if that was any.
 */
export const deleteUnseenConversations = (db: Database, mark: number, step = UNSEEN_STEP) =>
  unseenSteps(db, 'conversations', mark, step, ({ where, params }) => {
    const titles = titleCoverage(db)
    const gone = db.iterate(
      `SELECT rowid, title_key, messages_read FROM conversations WHERE ${where}`,
      params,
    )
    for (const row of gone) {
      const rowid = numberOf(row.rowid) ?? 0
      if (row.title_key !== null && titles(rowid))
        db.run('DELETE FROM title_text WHERE rowid = ?', [rowid])
      if (row.messages_read !== null) deleteMessages(db, rowid)
    }
    const removed = db.run(`DELETE FROM conversations WHERE ${where}`, params)
    if (removed > 0) recordRemoval(db, nextSeq(db))
    return removed
  })
