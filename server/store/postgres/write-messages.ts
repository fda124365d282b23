// A conversation's messages in, as on SQLite (sqlite/write-messages.ts): they replace what
// the mirror held, with their words for the index, the conversation's last message and the
// state they were read for, in one transaction. Only a different last message of a
// conversation read before raises the version.
import type { Message } from '../../../src/lib/contract.ts'
import { firstLine } from '../message-excerpts.ts'
import { orderedMessages as ordered } from '../message-order.ts'
import type { Db, Row } from './database.ts'
import { indexColumns, tsvectorOf } from './message-index.ts'
import { numberOf, storedText, textOf } from './rows.ts'
import { nextSeq } from './write-sequence.ts'

export type ReadFor = { message_count: number | null; updated_at: string | null }

// An INSERT carries at most this many messages, or about this many characters of them.
const CHUNK_ROWS = 1000
const CHUNK_CHARS = 4_000_000

const sameMessages = (rows: readonly Row[], messages: readonly Message[]) =>
  rows.length === messages.length &&
  messages.every((message, i) => {
    const row = rows[i]
    return (
      row !== undefined &&
      textOf(row.id) === storedText(message.id) &&
      textOf(row.role) === storedText(message.role) &&
      textOf(row.content) === storedText(message.content) &&
      textOf(row.created_at) === storedText(message.created_at)
    )
  })

function chunks(messages: readonly Message[]): Message[][] {
  const result: Message[][] = []
  let chunk: Message[] = []
  let chars = 0
  for (const message of messages) {
    const size = message.content?.length ?? 0
    if (chunk.length === CHUNK_ROWS || (chunk.length > 0 && chars + size > CHUNK_CHARS)) {
      result.push(chunk)
      chunk = []
      chars = 0
    }
    chunk.push(message)
    chars += size
  }
  if (chunk.length > 0) result.push(chunk)
  return result
}

async function insertMessages(db: Db, key: number, messages: readonly Message[]) {
  let position = 0
  for (const chunk of chunks(messages)) {
    const index = chunk.map((message) => indexColumns(message.content))
    await db.run(
      `INSERT INTO mirror_messages (conversation, position, id, role, content, created_at, words, overflow)
       SELECT ?::int8, p, i, r, c, t, ${tsvectorOf('w')}, o
       FROM unnest(?::int4[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
         AS u(p, i, r, c, t, w, o)`,
      [
        key,
        chunk.map((_, i) => position + i),
        chunk.map((message) => message.id),
        chunk.map((message) => message.role ?? null),
        chunk.map((message) => message.content ?? null),
        chunk.map((message) => message.created_at ?? null),
        index.map((columns) => columns.words),
        index.map((columns) => columns.overflow),
      ],
    )
    position += chunk.length
  }
}

export async function writeMessages(
  db: Db,
  conversationId: string,
  messages: readonly Message[],
  readFor: ReadFor,
): Promise<void> {
  const conversation = await db.get(
    `SELECT key, messages_read, last_role, last_text, last_created_at
     FROM mirror_conversations WHERE id = ?`,
    [conversationId],
  )
  const key = numberOf(conversation?.key)
  if (!conversation || key === null) return
  const list = ordered(messages)
  const held = await db.all(
    'SELECT id, role, content, created_at FROM mirror_messages WHERE conversation = ? ORDER BY position',
    [key],
  )
  if (!sameMessages(held, list)) {
    if (held.length > 0) await db.run('DELETE FROM mirror_messages WHERE conversation = ?', [key])
    await insertMessages(db, key, list)
  }
  const last = list.at(-1)
  const lastRole = storedText(last?.role)
  const lastText = last ? storedText(firstLine(last.content)) : null
  const lastAt = storedText(last?.created_at)
  const lastChanged =
    conversation.messages_read === true &&
    (textOf(conversation.last_role) !== lastRole ||
      textOf(conversation.last_text) !== lastText ||
      textOf(conversation.last_created_at) !== lastAt)
  await db.run(
    `UPDATE mirror_conversations SET messages_read = true, read_message_count = ?::float8,
       read_updated_at = ?, last_role = ?, last_text = ?, last_created_at = ?,
       changed_seq = coalesce(?::int8, changed_seq)
     WHERE key = ?`,
    [
      readFor.message_count,
      readFor.updated_at,
      lastRole,
      lastText,
      lastAt,
      lastChanged ? await nextSeq(db) : null,
      key,
    ],
  )
}
