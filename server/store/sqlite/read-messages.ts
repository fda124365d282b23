// Messages out, and what the message sync asks: which conversations' messages are missing
// or were read for an older state of the conversation, and how many are current.
import type { Message } from '../../../src/lib/contract.ts'
import type { MessageSyncCandidate } from '../store.ts'
import { numberOf, textOf, type Database } from './database.ts'
import { RANGE } from './write-messages.ts'

// Word for word the condition of migration 2's partial index, so SQLite uses it: the
// candidates are read from that index alone, however many conversations are current.
const STALE = `(messages_read IS NULL OR read_message_count IS NOT message_count
       OR read_updated_at IS NOT updated_at)`

export function getMessages(db: Database, conversationId: string): Message[] | null {
  const conversation = db.get('SELECT rowid, messages_read FROM conversations WHERE id = ?', [
    conversationId,
  ])
  const rowid = numberOf(conversation?.rowid)
  if (rowid === null || conversation?.messages_read === null) return null
  return db
    .all(`SELECT id, role, content, created_at FROM messages WHERE rowid ${RANGE} ORDER BY rowid`, [
      rowid,
      rowid,
    ])
    .map((row) => ({
      id: textOf(row.id) ?? '',
      content: textOf(row.content),
      role: textOf(row.role),
      conversation_id: conversationId,
      created_at: textOf(row.created_at),
    }))
}

export function messagesCurrent(db: Database, conversationId: string): boolean {
  const row = db.get(`SELECT NOT ${STALE} AS current FROM conversations WHERE id = ?`, [
    conversationId,
  ])
  return numberOf(row?.current) === 1
}

/** Most recently active first; undated last. */
export function messageSyncCandidates(db: Database, limit: number): MessageSyncCandidate[] {
  return db
    .all(
      `SELECT id, message_count, updated_at FROM conversations
         INDEXED BY conversations_needing_messages
       WHERE ${STALE} ORDER BY updated_ms DESC, id LIMIT ?`,
      [limit],
    )
    .map((row) => ({
      id: textOf(row.id) ?? '',
      message_count: numberOf(row.message_count),
      updated_at: textOf(row.updated_at),
    }))
}

/** From the counters the triggers of migration 2 keep: one row read, however large the mirror. */
export function messageCoverage(db: Database): { searched: number; total: number } {
  const row = db.get('SELECT current_count, conversation_count FROM mirror')
  return {
    searched: numberOf(row?.current_count) ?? 0,
    total: numberOf(row?.conversation_count) ?? 0,
  }
}
