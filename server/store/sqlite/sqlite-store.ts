// The mirror on SQLite (node:sqlite): one read-write connection serves every call; an
// export reads through a connection of its own so it sees one snapshot while the sync
// writes, and exact counts run on a thread of their own (count-thread.ts). Other calls are
// synchronous underneath, so each runs whole before the next starts.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Store } from '../store.ts'
import { activity } from './activity.ts'
import { createCountThread } from './count-thread.ts'
import { createDatabase, numberOf, type Database } from './database.ts'
import {
  countChangedSince,
  countConversations,
  exportConversations,
  getConversation,
  listConversations,
} from './list-queries.ts'
import { getState, readBinding, setState, writeBinding } from './mirror-state.ts'
import {
  getMessages,
  messageCoverage,
  messagesCurrent,
  messageSyncCandidates,
} from './read-messages.ts'
import { searchCustomers } from './search-customers.ts'
import { MEMORY, openConnection, openReader, type ConnectionOptions } from './sqlite-file.ts'
import { createView, deleteView, listViews, renameView } from './views.ts'
import { deleteUnseenConversations, upsertConversations } from './write-conversations.ts'
import { deleteUnseenCustomers, upsertCustomers } from './write-customers.ts'
import { indexDeferredTitles } from './title-index.ts'
import { replaceMessages } from './write-messages.ts'
import { currentSeq, nextSeq, recordRemoval, version } from './write-sequence.ts'

export type SqliteOptions = ConnectionOptions & {
  /** An absolute file path, or ':memory:'. */
  path: string
  /** Told when counts fall back to the event loop because their thread failed. */
  warn?: (message: string) => void
}

/** Runs synchronous work as the interface's promise: a throw becomes a rejection. */
const settle = <T>(work: () => T) => new Promise<T>((resolve) => resolve(work()))

/** A reader for one export: its own connection in a read transaction (the main one in memory). */
function exportReader(db: Database, options: SqliteOptions) {
  if (options.path === MEMORY) return { db, close: () => undefined }
  const reader = createDatabase(openReader(options.path, options), options.path)
  reader.guard(() => reader.connection.exec('BEGIN'))
  return {
    db: reader,
    // Closing ends the read transaction with it.
    close: () => reader.guard(() => reader.connection.close()),
  }
}

/** Empties the mirror; saved views stay: they are the team's, not rows read from upstream. */
function clear(db: Database) {
  db.write(() => {
    db.run('DELETE FROM messages')
    db.run(`INSERT INTO message_text (message_text) VALUES ('delete-all')`)
    db.run('DELETE FROM conversations')
    db.run(`INSERT INTO title_text (title_text) VALUES ('delete-all')`)
    db.run('UPDATE mirror SET titles_indexed_through = NULL')
    db.run('DELETE FROM customers')
    db.run(`INSERT INTO customer_text (customer_text) VALUES ('delete-all')`)
    db.run('DELETE FROM state')
    recordRemoval(db, nextSeq(db))
  })
}

/**
 * What the mirror holds. The status re-reads it every 250 ms while the sync writes, so the
 * conversations come from the count the writes keep, as the whole list's count does (see
 * countSelect in list-plan.ts for what count(*) costs).
 */
function counts(db: Database) {
  const row = db.get(
    `SELECT conversation_count AS conversations,
            (SELECT count(*) FROM customers) AS customers
     FROM mirror`,
  )
  return {
    conversations: numberOf(row?.conversations) ?? 0,
    customers: numberOf(row?.customers) ?? 0,
  }
}

export function openSqliteStore(options: SqliteOptions): Promise<Store> {
  return settle((): Store => {
    const db = createDatabase(openConnection(options.path, options), options.path)
    // An in-memory mirror has no file another connection could read.
    const countThread =
      options.path === MEMORY
        ? undefined
        : createCountThread({
            path: options.path,
            inline: (filters) => countConversations(db, filters),
            onFailure: (error) =>
              options.warn?.(
                `Counts run on the main thread from now on (slower for broad searches): their thread failed: ${error.message}`,
              ),
          })
    return {
      backend: 'sqlite',
      readBinding: () => settle(() => readBinding(db)),
      writeBinding: (binding) => settle(() => writeBinding(db, binding)),
      clear: () => settle(() => clear(db)),
      upsertConversations: (rows) => settle(() => upsertConversations(db, rows)),
      upsertCustomers: (rows) => settle(() => upsertCustomers(db, rows)),
      seenMark: () => settle(() => db.guard(() => currentSeq(db))),
      deleteUnseen: async (kind, mark) => {
        const steps =
          kind === 'conversations'
            ? deleteUnseenConversations(db, mark)
            : deleteUnseenCustomers(db, mark)
        let removed = 0
        for (const step of steps) {
          removed += step
          // Each step reads a range of the table: requests and the sync run between them.
          await nextTurn()
        }
        return removed
      },
      finishDeferredIndexes: async (signal) => {
        // Each step indexes a range of rowids: requests and the sync run between them.
        const steps = indexDeferredTitles(db)
        while (!signal?.aborted && !steps.next().done) await nextTurn()
      },
      getState: (key) => settle(() => getState(db, key)),
      setState: (key, value) => settle(() => setState(db, key, value)),
      version: () => settle(() => version(db)),
      counts: () => settle(() => counts(db)),
      listConversations: (query) => settle(() => listConversations(db, query)),
      countConversations: (filters, signal) =>
        countThread
          ? countThread.count(filters, signal)
          : settle(() => countConversations(db, filters)),
      countChangedSince: (filters, since) => settle(() => countChangedSince(db, filters, since)),
      exportConversations: async function* (query) {
        const reader = exportReader(db, options)
        try {
          for (const batch of exportConversations(reader.db, query)) {
            yield batch
            // Each batch is read synchronously: let requests and the sync run between them.
            await nextTurn()
          }
        } finally {
          reader.close()
        }
      },
      getConversation: (id) => settle(() => getConversation(db, id)),
      searchCustomers: (q, limit) => settle(() => searchCustomers(db, q, limit)),
      replaceMessages: (id, messages, readFor) =>
        settle(() => replaceMessages(db, id, messages, readFor)),
      getMessages: (id) => settle(() => getMessages(db, id)),
      messagesCurrent: (id) => settle(() => messagesCurrent(db, id)),
      messageSyncCandidates: (limit) => settle(() => messageSyncCandidates(db, limit)),
      messageCoverage: () => settle(() => messageCoverage(db)),
      activity: (filters, bounds) => settle(() => activity(db, filters, bounds)),
      listViews: () => settle(() => listViews(db)),
      createView: (view) => settle(() => createView(db, view)),
      renameView: (id, name) => settle(() => renameView(db, id, name)),
      deleteView: (id) => settle(() => deleteView(db, id)),
      close: async () => {
        await countThread?.close()
        db.guard(() => db.connection.close())
      },
    }
  })
}
