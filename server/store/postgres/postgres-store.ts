// The mirror on PostgreSQL, shared by every replica of the dashboard: a bounded pool of
// connections serves the calls, which run side by side; writes take the mirror's write
// lock and so follow one another, as on SQLite. An export reads through a connection of
// its own, in one snapshot, while the sync writes.
import type { Store } from '../store.ts'
import { activity } from './activity.ts'
import { connectPool, type PoolOptions } from './connect.ts'
import { connectionConfig } from './connection-config.ts'
import { createDatabase, type Database } from './database.ts'
import {
  countChangedSince,
  countConversations,
  exportConversations,
  getConversation,
  listConversations,
} from './list-queries.ts'
import { migrate } from './migrations.ts'
import { getState, readBinding, setState, writeBinding } from './mirror-state.ts'
import { toStoreError } from './postgres-errors.ts'
import {
  getMessages,
  messageCoverage,
  messagesCurrent,
  messageSyncCandidates,
} from './read-messages.ts'
import { numberOf } from './rows.ts'
import { searchCustomers } from './search-customers.ts'
import { createView, deleteView, listViews, renameView } from './views.ts'
import { deleteUnseenConversations, upsertConversations } from './write-conversations.ts'
import { deleteUnseenCustomers, upsertCustomers } from './write-customers.ts'
import { writeMessages } from './write-messages.ts'
import { currentSeq, nextSeq, recordRemoval, version } from './write-sequence.ts'

export type PostgresOptions = PoolOptions

/** Empties the mirror; saved views stay: they are the team's, not rows read from upstream. */
async function clear(db: Database): Promise<void> {
  await db.write(async (tx) => {
    await tx.run('TRUNCATE mirror_messages, mirror_conversations, mirror_customers, mirror_state')
    await tx.run(
      'UPDATE mirror_meta SET conversation_count = 0, current_count = 0, customer_count = 0',
    )
    await recordRemoval(tx, await nextSeq(tx))
  })
}

async function counts(db: Database) {
  const row = await db.get('SELECT conversation_count, customer_count FROM mirror_meta')
  return {
    conversations: numberOf(row?.conversation_count) ?? 0,
    customers: numberOf(row?.customer_count) ?? 0,
  }
}

/** Opens the pool and brings the schema up to date before the first call. */
export async function openDatabase(url: string, options: PostgresOptions = {}): Promise<Database> {
  const config = connectionConfig(url)
  const pool = await connectPool(config, options)
  try {
    const client = await pool.connect()
    try {
      await migrate(client, config.where)
    } finally {
      client.release()
    }
  } catch (error) {
    await pool.end().catch(() => undefined)
    throw toStoreError(error, config)
  }
  return createDatabase(pool, config)
}

export async function openPostgresStore(
  url: string,
  options: PostgresOptions = {},
): Promise<Store> {
  const db = await openDatabase(url, options)
  return {
    backend: 'postgres',
    readBinding: () => readBinding(db),
    writeBinding: (binding) => writeBinding(db, binding),
    clear: () => clear(db),
    upsertConversations: async (rows) =>
      rows.length === 0 ? 0 : db.write((tx) => upsertConversations(tx, rows)),
    upsertCustomers: async (rows) =>
      rows.length === 0 ? 0 : db.write((tx) => upsertCustomers(tx, rows)),
    seenMark: () => currentSeq(db),
    deleteUnseen: (kind, mark) =>
      db.write((tx) =>
        kind === 'conversations'
          ? deleteUnseenConversations(tx, mark)
          : deleteUnseenCustomers(tx, mark),
      ),
    // pg_trgm's GIN index is kept by PostgreSQL as rows are written: nothing is left for later.
    finishDeferredIndexes: () => Promise.resolve(),
    getState: (key) => getState(db, key),
    setState: (key, value) => setState(db, key, value),
    version: () => version(db),
    counts: () => counts(db),
    listConversations: (query) => listConversations(db, query),
    countConversations: (filters) => countConversations(db, filters),
    countChangedSince: (filters, since) => countChangedSince(db, filters, since),
    exportConversations: (query) => exportConversations(db, query),
    getConversation: (id) => getConversation(db, id),
    searchCustomers: (q, limit) => searchCustomers(db, q, limit),
    replaceMessages: (id, messages, readFor) =>
      db.write((tx) => writeMessages(tx, id, messages, readFor)),
    getMessages: (id) => getMessages(db, id),
    messagesCurrent: (id) => messagesCurrent(db, id),
    messageSyncCandidates: (limit) => messageSyncCandidates(db, limit),
    messageCoverage: () => messageCoverage(db),
    activity: (filters, bounds) => activity(db, filters, bounds),
    listViews: () => listViews(db),
    createView: (view) => createView(db, view),
    renameView: (id, name) => renameView(db, id, name),
    deleteView: (id) => deleteView(db, id),
    close: () => db.close(),
  }
}
