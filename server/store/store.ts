// The mirror's one narrow interface. Every backend (SQLite now, PostgreSQL for replicas)
// implements it and passes the same store tests; no SQL lives outside server/store/.
import type {
  Conversation,
  ConversationRow,
  CustomerUser,
  ListFilters,
  Message,
  Sort,
} from '../../src/lib/contract.ts'

/** Which upstream and which key filled the mirror. The secret is never stored. */
export type MirrorBinding = { upstreamUrl: string; keyId: string }

export type ListKind = 'conversations' | 'customers'

/** A saved view as stored; its query is the page's URL state (ViewQuerySchema). */
export type StoredView = {
  id: string
  name: string
  query: unknown
  created_at: string
  updated_at: string
}

export type ListQuery = ListFilters & { page: number; limit: number; sort: Sort }

export type ExportQuery = ListFilters & { sort: Sort }

/** A conversation whose messages the mirror lacks, or holds for an older state of it. */
export type MessageSyncCandidate = {
  id: string
  message_count: number | null
  updated_at: string | null
}

export type Store = {
  readonly backend: 'sqlite' | 'postgres'

  /** The mirror's owner; null for an empty, never bound mirror. */
  readBinding: () => Promise<MirrorBinding | null>
  writeBinding: (binding: MirrorBinding) => Promise<void>
  /** Empties the mirror: conversations, customers, sync state. Saved views are kept. */
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
  /**
   * Builds what writing a first fill left for later (SQLite: the titles' search index), in
   * steps that let other work run; resolves at once where nothing was left, and after the
   * step under way once `signal` is aborted (the rest is built by the next call).
   */
  finishDeferredIndexes: (signal?: AbortSignal) => Promise<void>

  /** Small JSON values of the sync (its progress, the last complete pass, the limiter's grants). */
  getState: (key: string) => Promise<unknown>
  setState: (key: string, value: unknown) => Promise<void>

  /** The change counter: raised by every write that changes what a list would show. */
  version: () => Promise<number>
  counts: () => Promise<{ conversations: number; customers: number }>

  /**
   * One page of conversations matching the filters in the order of CONTRACT.md, and the
   * count (null when `withoutTotal`: a message search pages first and counts apart).
   * Rows carry `last_message`, and with `text` a `snippet` of a matching message.
   */
  listConversations: (
    query: ListQuery & { withoutTotal?: boolean },
  ) => Promise<{ rows: ConversationRow[]; total: number | null }>
  /**
   * The exact number of conversations matching the filters. Once `signal` is aborted (the
   * caller has gone), a count that has not started yet may be dropped.
   */
  countConversations: (filters: ListFilters, signal?: AbortSignal) => Promise<number>
  /** How many conversations matching the filters changed (or appeared) after `version`. */
  countChangedSince: (filters: ListFilters, version: number) => Promise<number>
  /** The whole matching set in the list's order, in batches, in constant memory. */
  exportConversations: (query: ExportQuery) => AsyncIterable<readonly Conversation[]>
  getConversation: (id: string) => Promise<ConversationRow | null>
  /** Customers whose id equals q or whose name or email contains it, best first. */
  searchCustomers: (q: string, limit: number) => Promise<CustomerUser[]>

  /**
   * Replaces a conversation's messages in one transaction and records the state of the
   * conversation they were read for (so it is not a candidate again until it changes).
   * A conversation not in the mirror is ignored.
   */
  replaceMessages: (
    conversationId: string,
    messages: readonly Message[],
    readFor: { message_count: number | null; updated_at: string | null },
  ) => Promise<void>
  /** The conversation's messages by created_at, then id; null when never read. */
  getMessages: (conversationId: string) => Promise<Message[] | null>
  /** Whether the messages held were read for the conversation as it is now. */
  messagesCurrent: (conversationId: string) => Promise<boolean>
  /** Conversations whose messages are missing or stale, most recently active first. */
  messageSyncCandidates: (limit: number) => Promise<MessageSyncCandidate[]>
  /** Conversations whose messages are current (searchable), of all. */
  messageCoverage: () => Promise<{ searched: number; total: number }>

  /**
   * Conversations matching the filters created in each [bounds[i], bounds[i+1]) (epoch ms,
   * ascending; n + 1 bounds give n counts), in one query.
   */
  activity: (filters: ListFilters, bounds: readonly number[]) => Promise<number[]>

  /** Saved views, shared by everyone using this mirror, by name. */
  listViews: () => Promise<StoredView[]>
  /** Throws StoreError 'conflict' when the name (case-insensitively) is taken. */
  createView: (view: { name: string; query: unknown }) => Promise<StoredView>
  /** Null when there is no such view; StoreError 'conflict' when the name is taken. */
  renameView: (id: string, name: string) => Promise<StoredView | null>
  deleteView: (id: string) => Promise<boolean>

  close: () => Promise<void>
}
