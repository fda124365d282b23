// Messages out, and what the message sync asks, as on SQLite (sqlite/read-messages.ts):
// which conversations' messages are missing or were read for an older state of the
// conversation (is_current, a generated column with its partial index), and how many are
// current (counters the triggers keep: one row read, however large the mirror).
import type { Message } from '../../../src/lib/contract.ts'
import type { MessageSyncCandidate } from '../store.ts'
import type { Db } from './database.ts'
import { numberOf, textOf } from './rows.ts'

export async function getMessages(db: Db, conversationId: string): Promise<Message[] | null> {
  const conversation = await db.get(
    'SELECT key, messages_read FROM mirror_conversations WHERE id = ?',
    [conversationId],
  )
  if (!conversation || conversation.messages_read !== true) return null
  const rows = await db.all(
    `SELECT id, role, content, created_at FROM mirror_messages
     WHERE conversation = ? ORDER BY position`,
    [conversation.key],
  )
  return rows.map((row) => ({
    id: textOf(row.id) ?? '',
    content: textOf(row.content),
    role: textOf(row.role),
    conversation_id: conversationId,
    created_at: textOf(row.created_at),
  }))
}

export async function messagesCurrent(db: Db, conversationId: string): Promise<boolean> {
  const row = await db.get('SELECT is_current FROM mirror_conversations WHERE id = ?', [
    conversationId,
  ])
  return row?.is_current === true
}

/** Most recently active first; undated last. */
export async function messageSyncCandidates(
  db: Db,
  limit: number,
): Promise<MessageSyncCandidate[]> {
  const rows = await db.all(
    `SELECT id, message_count, updated_at FROM mirror_conversations
     WHERE NOT is_current ORDER BY updated_ms DESC NULLS LAST, id LIMIT ?`,
    [limit],
  )
  return rows.map((row) => ({
    id: textOf(row.id) ?? '',
    message_count: numberOf(row.message_count),
    updated_at: textOf(row.updated_at),
  }))
}

export async function messageCoverage(db: Db): Promise<{ searched: number; total: number }> {
  const row = await db.get('SELECT current_count, conversation_count FROM mirror_meta')
  return {
    searched: numberOf(row?.current_count) ?? 0,
    total: numberOf(row?.conversation_count) ?? 0,
  }
}
