// What the sync keeps in the store besides the rows, so a restart neither starts a pass
// over nor forgets when the last one ended: the progress of a full pass under way (its
// mark and the positions already written) and the record of the last finished pass of
// each list. Read back through zod: a value this version cannot read is ignored.
import * as z from 'zod/mini'
import type { ListKind } from '../store/store.ts'
import type { SyncStore } from './sync-store.ts'

const count = z.number().check(z.int(), z.minimum(0))
const time = z.number()

export const PassProgressSchema = z.object({
  /** store.seenMark at the pass's start: rows written since, in any process, count as seen. */
  mark: z.number(),
  startedAt: time,
  limit: count,
  /** The total the pass began with, once known: every position below it must be covered. */
  startTotal: z.nullable(count),
  /** Reverse positions whose rows are written, as [from, to) pairs. */
  covered: z.array(z.tuple([count, count])),
})
export type PassProgress = z.infer<typeof PassProgressSchema>

export const LastPassSchema = z.object({
  startedAt: time,
  endedAt: time,
  requests: count,
  total: count,
  /** Every row that existed at the start was read, and the list did not move under the pass. */
  trustworthy: z.boolean(),
  /** The list came newest-created first; null when the pass could not tell. */
  newestFirst: z.nullable(z.boolean()),
})
export type LastPass = z.infer<typeof LastPassSchema>

const progressKey = (kind: ListKind) => `sync.${kind}.pass`
const lastPassKey = (kind: ListKind) => `sync.${kind}.last`

async function read<T>(store: SyncStore, key: string, schema: z.ZodMiniType<T>) {
  const parsed = schema.safeParse(await store.getState(key))
  return parsed.success ? parsed.data : null
}

export const readProgress = (store: SyncStore, kind: ListKind) =>
  read(store, progressKey(kind), PassProgressSchema)

export const writeProgress = (store: SyncStore, kind: ListKind, progress: PassProgress | null) =>
  store.setState(progressKey(kind), progress)

export const readLastPass = (store: SyncStore, kind: ListKind) =>
  read(store, lastPassKey(kind), LastPassSchema)

export const writeLastPass = (store: SyncStore, kind: ListKind, last: LastPass) =>
  store.setState(lastPassKey(kind), last)

/** What a starting sync needs to know of the ones before it. */
export type SyncMemory = {
  last: Record<ListKind, LastPass | null>
  /** A full pass of this list was under way when the last process stopped. */
  underway: Record<ListKind, boolean>
  /** The cycle that began with the last conversations pass still owes its customers pass. */
  customersDue: boolean
}

export async function readSyncMemory(store: SyncStore): Promise<SyncMemory> {
  const last = {
    conversations: await readLastPass(store, 'conversations'),
    customers: await readLastPass(store, 'customers'),
  }
  const underway = {
    conversations: (await readProgress(store, 'conversations')) !== null,
    customers: (await readProgress(store, 'customers')) !== null,
  }
  const conversations = last.conversations
  const customersDue =
    conversations !== null &&
    !underway.conversations &&
    (underway.customers || (last.customers?.startedAt ?? 0) < conversations.startedAt)
  return { last, underway, customersDue }
}
