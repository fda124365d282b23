// Rows as every backend returns them: the upstream fields (NULL comes back as null), for
// conversations their customer's name and email and the first line of their last
// message, and saved views. Both backends name their columns alike, so one mapping
// serves them.
import { randomBytes } from 'node:crypto'
import type { ConversationRow, CustomerUser } from '../../src/lib/contract.ts'
import { StoreError } from './store-error.ts'
import type { StoredView } from './store.ts'

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

export const VIEW_COLUMNS = 'id, name, query, created_at, updated_at'

export const toStoredView = (row: Row): StoredView => ({
  id: textOf(row.id) ?? '',
  name: textOf(row.name) ?? '',
  query: JSON.parse(textOf(row.query) ?? 'null') as unknown,
  created_at: textOf(row.created_at) ?? '',
  updated_at: textOf(row.updated_at) ?? '',
})

/** A new view as it is stored: 72 random bits of id (12 URL-safe characters), made now. */
export function newStoredView(view: { name: string; query: unknown }): StoredView {
  const now = new Date().toISOString()
  const id = randomBytes(9).toString('base64url')
  return { id, name: view.name, query: view.query ?? null, created_at: now, updated_at: now }
}

/** What a write setting a view's name throws when the name is taken (case-insensitively). */
export const nameTaken = (name: string, cause: unknown) =>
  new StoreError('conflict', `A view named “${name}” already exists.`, { cause })
