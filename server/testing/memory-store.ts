// Test helper: the part of the mirror the sync uses, in memory, with the store's meaning
// (seen marks, change counting, a version raised by changes and deletions, state kept as
// JSON) and a log of every write call, so tests see what was written in which call.
import type { Conversation, CustomerUser } from '../../src/lib/contract.ts'
import type { ListKind } from '../store/store.ts'
import type { SyncStore } from '../sync/sync-store.ts'

type Kept = { json: string; seen: number }

export type MemoryStore = SyncStore & {
  /** Every upsert call in order: its list and the ids it carried. */
  writes: { kind: ListKind; ids: string[] }[]
  ids: (kind: ListKind) => string[]
  state: Map<string, string>
}

export function createMemoryStore(): MemoryStore {
  let seq = 0
  let version = 0
  const tables: Record<ListKind, Map<string, Kept>> = {
    conversations: new Map(),
    customers: new Map(),
  }
  const writes: MemoryStore['writes'] = []
  const state = new Map<string, string>()

  const upsert =
    (kind: ListKind) =>
    (rows: readonly (Conversation | CustomerUser)[]): Promise<number> => {
      seq++
      let changed = 0
      for (const row of rows) {
        const json = JSON.stringify(row)
        if (tables[kind].get(row.id)?.json !== json) changed++
        tables[kind].set(row.id, { json, seen: seq })
      }
      if (changed > 0) version = seq
      writes.push({ kind, ids: rows.map((row) => row.id) })
      return Promise.resolve(changed)
    }

  return {
    writes,
    state,
    ids: (kind) => [...tables[kind].keys()],
    upsertConversations: upsert('conversations'),
    upsertCustomers: upsert('customers'),
    seenMark: () => Promise.resolve(seq),
    deleteUnseen(kind, mark) {
      let deleted = 0
      for (const [id, kept] of tables[kind]) {
        if (kept.seen > mark) continue
        tables[kind].delete(id)
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
  }
}
