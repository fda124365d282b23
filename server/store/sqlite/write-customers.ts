// Customers in, one transaction per call. A conversation shows its customer's name and
// email (and sorts by them), so a customer whose name or email changes, appears or goes
// away changes its conversations too: they are updated here and raise the version.
import type { CustomerUser } from '../../../src/lib/contract.ts'
import { customerKey, lowerText } from '../sort-keys.ts'
import { numberOf, textOf, type Database, type Row } from './database.ts'
import { nextSeq, UNSEEN_STEP, unseenSteps, upsertPage } from './write-sequence.ts'

type Values = readonly [
  externalId: string | null,
  name: string | null,
  email: string | null,
  metadata: string | null,
  active: number | null,
  createdAt: string | null,
  lastSeenAt: string | null,
]

const valuesOf = (customer: CustomerUser): Values => [
  customer.external_id ?? null,
  customer.name ?? null,
  customer.email ?? null,
  customer.metadata === undefined ? null : JSON.stringify(customer.metadata),
  customer.active === true ? 1 : customer.active === false ? 0 : null,
  customer.created_at ?? null,
  customer.last_seen_at ?? null,
]

const stored = (row: Row): Values => [
  textOf(row.external_id),
  textOf(row.name),
  textOf(row.email),
  textOf(row.metadata),
  numberOf(row.active),
  textOf(row.created_at),
  textOf(row.last_seen_at),
]

/**
 * Gives the customer's conversations its current name, email and row (null when it is
 * gone); only a different name or email counts as a change of the conversation.
 */
function relabelConversations(db: Database, id: string, customer: Label, seq: number) {
  const { name, email, ref } = customer
  db.run(
    `UPDATE conversations SET customer_name = ?, customer_email = ?, customer_key = ?,
       customer_ref = ?,
       changed_seq = CASE WHEN customer_name IS NOT ? OR customer_email IS NOT ? THEN ? ELSE changed_seq END
     WHERE customer_id_lc = ? AND customer_user_id = ?
       AND (customer_name IS NOT ? OR customer_email IS NOT ? OR customer_ref IS NOT ?)`,
    [
      name,
      email,
      customerKey({ name, email }, id),
      ref,
      name,
      email,
      seq,
      lowerText(id),
      id,
      name,
      email,
      ref,
    ],
  )
}

type Label = { name: string | null; email: string | null; ref: number | null }
const GONE: Label = { name: null, email: null, ref: null }

function upsertOne(db: Database, customer: CustomerUser, seq: number): boolean {
  const values = valuesOf(customer)
  const existing = db.get('SELECT * FROM customers WHERE id = ?', [customer.id])
  const before = existing ? stored(existing) : null
  if (existing && before?.every((value, i) => value === values[i])) {
    db.run('UPDATE customers SET seen_seq = ? WHERE rowid = ?', [seq, existing.rowid ?? null])
    return false
  }
  const [, name, email] = values
  const keys = [lowerText(customer.id), lowerText(name), lowerText(email)] as const
  const display = customerKey({ name, email }, customer.id)
  let rowid = numberOf(existing?.rowid)
  if (existing) {
    db.run(
      `UPDATE customers SET external_id = ?, name = ?, email = ?, metadata = ?, active = ?,
         created_at = ?, last_seen_at = ?, id_lc = ?, name_lc = ?, email_lc = ?,
         display_key = ?, seen_seq = ? WHERE rowid = ?`,
      [...values, ...keys, display, seq, rowid],
    )
    db.run('DELETE FROM customer_text WHERE rowid = ?', [rowid])
  } else {
    rowid = db.insert(
      `INSERT INTO customers (id, external_id, name, email, metadata, active, created_at,
           last_seen_at, id_lc, name_lc, email_lc, display_key, seen_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [customer.id, ...values, ...keys, display, seq],
    )
  }
  db.run('INSERT INTO customer_text (rowid, name_lc, email_lc) VALUES (?, ?, ?)', [
    rowid,
    keys[1],
    keys[2],
  ])
  if (!before || before[1] !== name || before[2] !== email) {
    relabelConversations(db, customer.id, { name, email, ref: rowid }, seq)
  }
  return true
}

export const upsertCustomers = (db: Database, rows: readonly CustomerUser[]): number =>
  upsertPage(db, rows, upsertOne)

/**
 * Drops every customer not upserted since `mark`, one range of rowids at a time (as
 * deleteUnseenConversations does); their conversations lose name and email.
 */
export const deleteUnseenCustomers = (db: Database, mark: number, step = UNSEEN_STEP) =>
  unseenSteps(db, 'customers', mark, step, ({ where, params }) => {
    const gone = db.all(`SELECT rowid, id FROM customers WHERE ${where}`, params)
    if (gone.length === 0) return 0
    const seq = nextSeq(db)
    for (const row of gone) {
      db.run('DELETE FROM customer_text WHERE rowid = ?', [row.rowid ?? null])
      relabelConversations(db, textOf(row.id) ?? '', GONE, seq)
    }
    return db.run(`DELETE FROM customers WHERE ${where}`, params)
  })
