// A conversation's messages in: they replace what the mirror held, with their index rows,
// the conversation's last message and the state they were read for, in one transaction.
// Only a different last message of a conversation read before raises the version: the
// first read of a conversation's messages fills its last-message line without making it
// "new or updated" (otherwise the message sync would count every row as changed).
import type { Message } from '../../../src/lib/contract.ts'
import { firstLine } from '../message-excerpts.ts'
import { indexedWords } from '../message-words.ts'
import { MAX_MESSAGES, orderedMessages as ordered } from '../message-order.ts'
import { numberOf, textOf, type Database, type Row } from './database.ts'
import { nextSeq } from './write-sequence.ts'

/** How many positions a conversation has: a message's rowid is its conversation's × SPAN + position. */
export const SPAN = MAX_MESSAGES

/** A conversation's rowid range in `messages` and `message_text`; bind its rowid twice. */
export const RANGE = 'BETWEEN (? << 20) AND (? << 20) + 1048575'

export type ReadFor = { message_count: number | null; updated_at: string | null }

const sameMessages = (stored: readonly Row[], messages: readonly Message[]) =>
  stored.length === messages.length &&
  messages.every((message, i) => {
    const row = stored[i]
    return (
      row !== undefined &&
      textOf(row.id) === message.id &&
      textOf(row.role) === (message.role ?? null) &&
      textOf(row.content) === (message.content ?? null) &&
      textOf(row.created_at) === (message.created_at ?? null)
    )
  })

/** Removes a conversation's messages and their index rows. */
export function deleteMessages(db: Database, rowid: number): void {
  db.run(`DELETE FROM message_text WHERE rowid ${RANGE}`, [rowid, rowid])
  db.run(`DELETE FROM messages WHERE rowid ${RANGE}`, [rowid, rowid])
}

function insertMessages(db: Database, rowid: number, messages: readonly Message[]) {
  messages.forEach((message, position) => {
    db.run(
      `INSERT INTO messages (rowid, id, role, content, created_at) VALUES ((? << 20) + ?, ?, ?, ?, ?)`,
      [
        rowid,
        position,
        message.id,
        message.role ?? null,
        message.content ?? null,
        message.created_at ?? null,
      ],
    )
    const words = indexedWords(message.content)
    if (words) {
      db.run('INSERT INTO message_text (rowid, words) VALUES ((? << 20) + ?, ?)', [
        rowid,
        position,
        words,
      ])
    }
  })
}

/** replaceMessages without its transaction: a bulk load runs many in one. */
export function writeMessages(
  db: Database,
  conversationId: string,
  messages: readonly Message[],
  readFor: ReadFor,
): void {
  const conversation = db.get(
    'SELECT rowid, messages_read, last_role, last_text, last_created_at FROM conversations WHERE id = ?',
    [conversationId],
  )
  const rowid = numberOf(conversation?.rowid)
  if (!conversation || rowid === null) return
  const list = ordered(messages)
  const stored = db.all(
    `SELECT id, role, content, created_at FROM messages WHERE rowid ${RANGE} ORDER BY rowid`,
    [rowid, rowid],
  )
  if (!sameMessages(stored, list)) {
    if (stored.length > 0) deleteMessages(db, rowid)
    insertMessages(db, rowid, list)
  }
  const last = list.at(-1)
  const lastRole = last ? (last.role ?? null) : null
  const lastText = last ? firstLine(last.content) : null
  const lastAt = last ? (last.created_at ?? null) : null
  const readBefore = numberOf(conversation.messages_read) === 1
  const lastChanged =
    readBefore &&
    (textOf(conversation.last_role) !== lastRole ||
      textOf(conversation.last_text) !== lastText ||
      textOf(conversation.last_created_at) !== lastAt)
  db.run(
    `UPDATE conversations SET messages_read = 1, read_message_count = ?, read_updated_at = ?,
       last_role = ?, last_text = ?, last_created_at = ?,
       changed_seq = coalesce(?, changed_seq)
     WHERE rowid = ?`,
    [
      readFor.message_count,
      readFor.updated_at,
      lastRole,
      lastText,
      lastAt,
      lastChanged ? nextSeq(db) : null,
      rowid,
    ],
  )
}

export function replaceMessages(
  db: Database,
  conversationId: string,
  messages: readonly Message[],
  readFor: ReadFor,
): void {
  db.write(() => writeMessages(db, conversationId, messages, readFor))
}
