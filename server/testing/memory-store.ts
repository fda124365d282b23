// Test helper: the part of the mirror the sync uses, in memory, with the store's meaning
// (seen marks, change counting, a version raised by changes and deletions, state kept as
// JSON, messages kept with the state of the conversation they were read for and dropped
// with it) and a log of every write call, so tests see what was written in which call.
import type { Conversation, CustomerUser, Message } from '../../src/lib/contract.ts'
import type { ListKind, MessageSyncCandidate, Store } from '../store/store.ts'
import type { SyncStore } from '../sync/sync-store.ts'

type Kept<T> = { json: string; seen: number; row: T }
type ReadFor = { message_count: number | null; updated_at: string | null }

export type MemoryStore = SyncStore &
  Pick<Store, 'getConversation' | 'getMessages' | 'messagesCurrent'> & {
    /** Every upsert call in order: its list and the ids it carried. */
    writes: { kind: ListKind; ids: string[] }[]
    /** Every replaceMessages call that was kept, in order: the conversation and its messages. */
    messageWrites: { id: string; messages: number }[]
    ids: (kind: ListKind) => string[]
    state: Map<string, string>
    /** How often the sync asked for what a first fill leaves for later to be built. */
    indexBuilds: () => number
  }

const stateOf = (row: Conversation): ReadFor => ({
  message_count: row.message_count ?? null,
  updated_at: row.updated_at ?? null,
})

/** Code-unit order: ISO dates sort as time, and it is cheap enough for 10,000s of rows. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const byCreated = (a: Message, b: Message) =>
  compare(a.created_at ?? '', b.created_at ?? '') || compare(a.id, b.id)

/** Most recently active first, a conversation without updated_at last, then by id. */
const byActivity = (a: MessageSyncCandidate, b: MessageSyncCandidate) =>
  compare(b.updated_at ?? '', a.updated_at ?? '') || compare(a.id, b.id)

export function createMemoryStore(): MemoryStore {
  let seq = 0
  let version = 0
  const tables = {
    conversations: new Map<string, Kept<Conversation>>(),
    customers: new Map<string, Kept<CustomerUser>>(),
  }
  const messages = new Map<string, { messages: Message[]; readFor: ReadFor }>()
  // Kept up to date by every write: coverage is read after each message write.
  const currentIds = new Set<string>()
  const writes: MemoryStore['writes'] = []
  const messageWrites: MemoryStore['messageWrites'] = []
  const state = new Map<string, string>()
  let indexBuilds = 0

  const conversation = (id: string) => tables.conversations.get(id)?.row
  const recheck = (id: string) => {
    const row = conversation(id)
    const held = messages.get(id)
    const now = row && stateOf(row)
    const current =
      now !== undefined &&
      held?.readFor.message_count === now.message_count &&
      held.readFor.updated_at === now.updated_at
    if (current) currentIds.add(id)
    else currentIds.delete(id)
  }

  const upsert =
    <T extends { id: string }>(kind: ListKind, table: Map<string, Kept<T>>) =>
    (rows: readonly T[]): Promise<number> => {
      seq++
      let changed = 0
      for (const row of rows) {
        const json = JSON.stringify(row)
        if (table.get(row.id)?.json !== json) changed++
        table.set(row.id, { json, seen: seq, row })
        if (kind === 'conversations') recheck(row.id)
      }
      if (changed > 0) version = seq
      writes.push({ kind, ids: rows.map((row) => row.id) })
      return Promise.resolve(changed)
    }

  return {
    writes,
    messageWrites,
    state,
    ids: (kind) => [...tables[kind].keys()],
    upsertConversations: upsert('conversations', tables.conversations),
    upsertCustomers: upsert('customers', tables.customers),
    seenMark: () => Promise.resolve(seq),
    finishDeferredIndexes: () => {
      indexBuilds++
      return Promise.resolve()
    },
    indexBuilds: () => indexBuilds,
    deleteUnseen(kind, mark) {
      let deleted = 0
      for (const [id, kept] of tables[kind]) {
        if (kept.seen > mark) continue
        tables[kind].delete(id)
        if (kind === 'conversations') {
          messages.delete(id)
          currentIds.delete(id)
        }
        deleted++
      }
      if (deleted > 0) version = ++seq
      return Promise.resolve(deleted)
    },
    getState: (key) => {
      const json = state.get(key)
      return Promise.resolve(json === undefined ? null : (JSON.parse(json) as unknown))
    },
    setState: (key, value) => {
      state.set(key, JSON.stringify(value))
      return Promise.resolve()
    },
    version: () => Promise.resolve(version),
    counts: () =>
      Promise.resolve({
        conversations: tables.conversations.size,
        customers: tables.customers.size,
      }),
    getConversation(id) {
      const row = conversation(id)
      return Promise.resolve(row ? { ...row, customer_name: null, customer_email: null } : null)
    },
    replaceMessages(id, read, readFor) {
      if (conversation(id)) {
        messages.set(id, { messages: [...read].sort(byCreated), readFor })
        messageWrites.push({ id, messages: read.length })
        recheck(id)
      }
      return Promise.resolve()
    },
    getMessages: (id) => Promise.resolve(messages.get(id)?.messages ?? null),
    messagesCurrent: (id) => Promise.resolve(currentIds.has(id)),
    messageSyncCandidates(limit) {
      const due: MessageSyncCandidate[] = []
      for (const [id, kept] of tables.conversations) {
        if (!currentIds.has(id)) due.push({ id, ...stateOf(kept.row) })
      }
      return Promise.resolve(due.sort(byActivity).slice(0, limit))
    },
    messageCoverage: () =>
      Promise.resolve({ searched: currentIds.size, total: tables.conversations.size }),
  }
}
