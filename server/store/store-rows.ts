// Rows as every backend returns them: the upstream fields (NULL comes back as null) and,
// for conversations, their customer's name and email and the first line of their last
// message. Both backends name their columns alike, so one mapping serves them.
import type { ConversationRow, CustomerUser } from '../../src/lib/contract.ts'

type Row = Readonly<Record<string, unknown>>

/** A column that holds text or NULL. */
export const textOf = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/** A column that holds a number or NULL (SQLite may hand back a bigint). */
export const numberOf = (value: unknown): number | null =>
  typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : null

export const CONVERSATION_COLUMNS =
  'c.id, c.title, c.customer_user_id, c.message_count, c.created_at, c.updated_at, c.customer_name, c.customer_email, c.last_role, c.last_text, c.last_created_at'

export function toConversationRow(row: Row): ConversationRow {
  // last_text is NULL exactly when no message is held ('' for an empty one).
  const lastText = textOf(row.last_text)
  return {
    id: textOf(row.id) ?? '',
    title: textOf(row.title),
    customer_user_id: textOf(row.customer_user_id),
    message_count: numberOf(row.message_count),
    created_at: textOf(row.created_at),
    updated_at: textOf(row.updated_at),
    customer_name: textOf(row.customer_name),
    customer_email: textOf(row.customer_email),
    last_message:
      lastText === null
        ? null
        : { role: textOf(row.last_role), text: lastText, created_at: textOf(row.last_created_at) },
  }
}

export const CUSTOMER_COLUMNS =
  'cu.id, cu.external_id, cu.name, cu.email, cu.metadata, cu.active, cu.created_at, cu.last_seen_at'

/** SQLite keeps a boolean as 0 or 1, PostgreSQL as a boolean. */
function booleanOf(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  const number = numberOf(value)
  return number === null ? null : number !== 0
}

export function toCustomer(row: Row): CustomerUser {
  const metadata = textOf(row.metadata)
  return {
    id: textOf(row.id) ?? '',
    external_id: textOf(row.external_id),
    name: textOf(row.name),
    email: textOf(row.email),
    // Absent metadata stays absent; JSON null comes back as null.
    ...(metadata === null ? {} : { metadata: JSON.parse(metadata) as unknown }),
    active: booleanOf(row.active),
    created_at: textOf(row.created_at),
    last_seen_at: textOf(row.last_seen_at),
  }
}
