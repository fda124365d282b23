// The part of the mirror the sync uses: it writes pages, marks and deletes, keeps its own
// small state, writes messages for the conversations the store says lack them, and reads
// the figures its status reports. Tests hand in a fake.
import type { Store } from '../store/store.ts'

export type SyncStore = Pick<
  Store,
  | 'upsertConversations'
  | 'upsertCustomers'
  | 'seenMark'
  | 'deleteUnseen'
  | 'finishDeferredIndexes'
  | 'getState'
  | 'setState'
  | 'version'
  | 'counts'
  | 'replaceMessages'
  | 'messageSyncCandidates'
  | 'messageCoverage'
>
