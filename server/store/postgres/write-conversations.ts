// Conversations in, one transaction per call, as on SQLite (sqlite/write-conversations.ts):
// a row is marked seen on every upsert but changed only when an upstream field or its
// customer's name or email really differs. A page is read and written in a few statements,
// not one per row: a round trip to the server costs more than SQLite's whole upsert.
import type { Conversation } from '../../../src/lib/contract.ts'
import { customerKey, epochMs, lowerText, titleKey } from '../sort-keys.ts'
import type { Db, Row } from './database.ts'
import { numberOf, storedText, textOf } from './rows.ts'
import { nextSeq, recordRemoval, rounds } from './write-sequence.ts'

type Customer = { key: number | null; name: string | null; email: string | null }

const COLUMNS = [
  ['id', 'text'],
  ['title', 'text'],
  ['customer_user_id', 'text'],
  ['message_count', 'float8'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
  ['customer_name', 'text'],
  ['customer_email', 'text'],
  ['customer_ref', 'int8'],
  ['title_key', 'text'],
  ['customer_key', 'text'],
  ['customer_id_lc', 'text'],
  ['created_ms', 'int8'],
  ['updated_ms', 'int8'],
] as const

/** What the mirror stores for a conversation, in COLUMNS' order; the first 9 are its content. */
function valuesOf(conversation: Conversation, customer: Customer | undefined): unknown[] {
  const customerUserId = storedText(conversation.customer_user_id)
  const title = storedText(conversation.title)
  const name = customer?.name ?? null
  const email = customer?.email ?? null
  return [
    storedText(conversation.id),
    title,
    customerUserId,
    conversation.message_count ?? null,
    storedText(conversation.created_at),
    storedText(conversation.updated_at),
    name,
    email,
    customer?.key ?? null,
    titleKey(title),
    customerKey({ name, email }, customerUserId),
    customerUserId === null ? null : lowerText(customerUserId),
    epochMs(conversation.created_at),
    epochMs(conversation.updated_at),
  ]
}

const CONTENT = COLUMNS.slice(1, 9).map(([name]) => name)
// Stored values come back as strings, numbers (bigint too, see connect.ts) or null.
const sameContent = (row: Row, values: readonly unknown[]) =>
  CONTENT.every((name, i) => (row[name] ?? null) === values[i + 1])

async function customersOf(db: Db, rows: readonly Conversation[]) {
  const ids = [...new Set(rows.flatMap((row) => row.customer_user_id ?? []))]
  const found = new Map<string, Customer>()
  if (ids.length === 0) return found
  const customers = await db.all(
    'SELECT key, id, name, email FROM mirror_customers WHERE id = ANY(?::text[])',
    [ids],
  )
  for (const row of customers) {
    found.set(textOf(row.id) ?? '', {
      key: numberOf(row.key),
      name: textOf(row.name),
      email: textOf(row.email),
    })
  }
  return found
}

const UPSERT = `INSERT INTO mirror_conversations (${COLUMNS.map(([name]) => name).join(', ')}, seen_seq, changed_seq)
  SELECT *, ?::int8, ?::int8 FROM unnest(${COLUMNS.map(([, type]) => `?::${type}[]`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${[
    ...COLUMNS.slice(1).map(([name]) => name),
    'seen_seq',
    'changed_seq',
  ]
    .map((name) => `${name} = excluded.${name}`)
    .join(', ')}`

/** One round (each id once); how many rows were new or changed. */
async function upsertRound(db: Db, rows: readonly Conversation[], seq: number): Promise<number> {
  const customers = await customersOf(db, rows)
  const existing = new Map(
    (
      await db.all(
        `SELECT key, ${CONTENT.join(', ')}, id FROM mirror_conversations WHERE id = ANY(?::text[])`,
        [rows.map((row) => row.id)],
      )
    ).map((row) => [textOf(row.id) ?? '', row]),
  )
  const seen: number[] = []
  const changed: unknown[][] = []
  for (const row of rows) {
    const values = valuesOf(row, customers.get(storedText(row.customer_user_id) ?? ''))
    const stored = existing.get(storedText(row.id) ?? '')
    if (stored && sameContent(stored, values)) seen.push(numberOf(stored.key) ?? 0)
    else changed.push(values)
  }
  if (seen.length > 0) {
    await db.run('UPDATE mirror_conversations SET seen_seq = ? WHERE key = ANY(?::int8[])', [
      seq,
      seen,
    ])
  }
  if (changed.length > 0) {
    await db.run(UPSERT, [seq, seq, ...COLUMNS.map((_, i) => changed.map((values) => values[i]))])
  }
  return changed.length
}

export async function upsertConversations(db: Db, rows: readonly Conversation[]): Promise<number> {
  let changed = 0
  const seq = await nextSeq(db)
  for (const round of rounds(rows)) changed += await upsertRound(db, round, seq)
  return changed
}

/** Drops every conversation not upserted since `mark`, with its messages (the cascade). */
export async function deleteUnseenConversations(db: Db, mark: number): Promise<number> {
  const removed = await db.run('DELETE FROM mirror_conversations WHERE seen_seq <= ?', [mark])
  if (removed > 0) await recordRemoval(db, await nextSeq(db))
  return removed
}
