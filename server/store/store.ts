// The mirror's one narrow interface. Every backend (SQLite now, PostgreSQL for replicas)
// implements it and passes the same store tests; no SQL lives outside server/store/.
import type {
  Conversation,
  ConversationRow,
  CustomerUser,
  ListFilters,
  Sort,
} from '../../src/lib/contract.ts'

/** Which upstream and which key filled the mirror. The secret is never stored. */
export type MirrorBinding = { upstreamUrl: string; keyId: string }

export type ListKind = 'conversations' | 'customers'

export type ListQuery = ListFilters & { page: number; limit: number; sort: Sort }

export type ExportQuery = ListFilters & { sort: Sort }

export type Store = {
  readonly backend: 'sqlite' | 'postgres'

  /** The mirror's owner; null for an empty, never bound mirror. */
  readBinding: () => Promise<MirrorBinding | null>
  writeBinding: (binding: MirrorBinding) => Promise<void>
  /** Empties the mirror: conversations, customers, sync state. */
  clear: () => Promise<void>

  /**
   * Upserts one page's rows by id in one transaction, marking each as seen now. Returns
   * how many were new or changed in content (each raises the mirror's version).
   */
  upsertConversations: (rows: readonly Conversation[]) => Promise<number>
  upsertCustomers: (rows: readonly CustomerUser[]) => Promise<number>
  /** A mark to pass to deleteUnseen: rows seen (upserted) after it count as present. */
  seenMark: (kind: ListKind) => Promise<number>
  /** After a complete, trustworthy pass that began at `mark`: drops every row not seen since. */
  deleteUnseen: (kind: ListKind, mark: number) => Promise<number>

  /** Small JSON values of the sync (its progress, the last complete pass, the limiter's grants). */
  getState: (key: string) => Promise<unknown>
  setState: (key: string, value: unknown) => Promise<void>

  /** The change counter: raised by every write that changes what a list would show. */
  version: () => Promise<number>
  counts: () => Promise<{ conversations: number; customers: number }>

  /** One page of conversations matching the filters in the order of CONTRACT.md, and the count. */
  listConversations: (query: ListQuery) => Promise<{ rows: ConversationRow[]; total: number }>
  /** How many conversations matching the filters changed (or appeared) after `version`. */
  countChangedSince: (filters: ListFilters, version: number) => Promise<number>
  /** The whole matching set in the list's order, in batches, in constant memory. */
  exportConversations: (query: ExportQuery) => AsyncIterable<readonly Conversation[]>
  getConversation: (id: string) => Promise<ConversationRow | null>
  /** Customers whose id equals q or whose name or email contains it, best first. */
  searchCustomers: (q: string, limit: number) => Promise<CustomerUser[]>

  close: () => Promise<void>
}
