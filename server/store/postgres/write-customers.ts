// Customers in, one transaction per call, as on SQLite (sqlite/write-customers.ts): a
// customer whose name or email changes, appears or goes away changes its conversations
// too (they show and sort by them), which are relabelled here and raise the version.
import type { CustomerUser } from '../../../src/lib/contract.ts'
import { customerKey, lowerText } from '../sort-keys.ts'
import type { Db, Row } from './database.ts'
import { numberOf, storedText, textOf } from './rows.ts'
import { nextSeq, rounds } from './write-sequence.ts'

const CONTENT = [
  ['external_id', 'text'],
  ['name', 'text'],
  ['email', 'text'],
  ['metadata', 'text'],
  ['active', 'bool'],
  ['created_at', 'text'],
  ['last_seen_at', 'text'],
] as const
const COLUMNS = [
  ['id', 'text'],
  ...CONTENT,
  ['id_lc', 'text'],
  ['name_lc', 'text'],
  ['email_lc', 'text'],
  ['display_key', 'text'],
] as const

const contentOf = (customer: CustomerUser): unknown[] => [
  storedText(customer.external_id),
  storedText(customer.name),
  storedText(customer.email),
  customer.metadata === undefined ? null : JSON.stringify(customer.metadata),
  customer.active ?? null,
  storedText(customer.created_at),
  storedText(customer.last_seen_at),
]

const sameContent = (row: Row, content: readonly unknown[]) =>
  CONTENT.every(([name], i) => (row[name] ?? null) === content[i])

type Label = { id: string; name: string | null; email: string | null; ref: number | null }

/**
 * Gives each customer's conversations its current name, email and row (null when gone);
 * only a different name or email counts as a change of the conversation.
 */
async function relabel(db: Db, labels: readonly Label[], seq: number): Promise<void> {
  if (labels.length === 0) return
  const differs = `(c.customer_name IS DISTINCT FROM v.name OR c.customer_email IS DISTINCT FROM v.email)`
  await db.run(
    `UPDATE mirror_conversations c SET customer_name = v.name, customer_email = v.email,
       customer_key = v.display_key, customer_ref = v.ref,
       changed_seq = CASE WHEN ${differs} THEN ?::int8 ELSE c.changed_seq END
     FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[])
       AS v(id, id_lc, name, email, display_key, ref)
     WHERE c.customer_id_lc = v.id_lc AND c.customer_user_id = v.id
       AND (${differs} OR c.customer_ref IS DISTINCT FROM v.ref)`,
    [
      seq,
      labels.map((label) => label.id),
      labels.map((label) => lowerText(label.id)),
      labels.map((label) => label.name),
      labels.map((label) => label.email),
      labels.map((label) => customerKey(label, label.id)),
      labels.map((label) => label.ref),
    ],
  )
}

const UPSERT = `INSERT INTO mirror_customers (${COLUMNS.map(([name]) => name).join(', ')}, seen_seq)
  SELECT *, ?::int8 FROM unnest(${COLUMNS.map(([, type]) => `?::${type}[]`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${[...COLUMNS.slice(1).map(([name]) => name), 'seen_seq']
    .map((name) => `${name} = excluded.${name}`)
    .join(', ')}
  RETURNING key, id`

async function upsertRound(db: Db, rows: readonly CustomerUser[], seq: number): Promise<number> {
  const existing = new Map(
    (
      await db.all(
        `SELECT key, id, ${CONTENT.map(([name]) => name).join(', ')}
         FROM mirror_customers WHERE id = ANY(?::text[])`,
        [rows.map((row) => row.id)],
      )
    ).map((row) => [textOf(row.id) ?? '', row]),
  )
  const seen: number[] = []
  const changed: unknown[][] = []
  const renamed = new Map<string, Label>()
  for (const customer of rows) {
    const content = contentOf(customer)
    const before = existing.get(storedText(customer.id) ?? '')
    if (before && sameContent(before, content)) {
      seen.push(numberOf(before.key) ?? 0)
      continue
    }
    const name = storedText(customer.name)
    const email = storedText(customer.email)
    changed.push([
      customer.id,
      ...content,
      lowerText(customer.id),
      lowerText(name),
      lowerText(email),
      customerKey({ name, email }, customer.id),
    ])
    if (!before || textOf(before.name) !== name || textOf(before.email) !== email)
      renamed.set(storedText(customer.id) ?? '', { id: customer.id, name, email, ref: null })
  }
  if (seen.length > 0) {
    await db.run('UPDATE mirror_customers SET seen_seq = ? WHERE key = ANY(?::int8[])', [seq, seen])
  }
  if (changed.length === 0) return 0
  const written = await db.all(UPSERT, [
    seq,
    ...COLUMNS.map((_, i) => changed.map((values) => values[i])),
  ])
  for (const row of written) {
    const label = renamed.get(textOf(row.id) ?? '')
    if (label) label.ref = numberOf(row.key)
  }
  await relabel(db, [...renamed.values()], seq)
  return changed.length
}

export async function upsertCustomers(db: Db, rows: readonly CustomerUser[]): Promise<number> {
  let changed = 0
  const seq = await nextSeq(db)
  for (const round of rounds(rows)) changed += await upsertRound(db, round, seq)
  return changed
}

/** Drops every customer not upserted since `mark`; their conversations lose name and email. */
export async function deleteUnseenCustomers(db: Db, mark: number): Promise<number> {
  const seq = await nextSeq(db)
  const gone = await db.all('DELETE FROM mirror_customers WHERE seen_seq <= ? RETURNING id', [mark])
  const ids = gone.map((row) => textOf(row.id) ?? '')
  await relabel(
    db,
    ids.map((id) => ({ id, name: null, email: null, ref: null })),
    seq,
  )
  return gone.length
}
