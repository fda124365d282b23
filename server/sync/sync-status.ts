// The sync's status as the page sees it, and who hears of its changes. Listeners are
// called on every change, synchronously (the push hub coalesces for slow readers). The
// figures read from the store (rows loaded, the change counter, how many conversations'
// messages are searchable) are re-read at most every `refreshMs` while pages and
// messages land: counting a million rows per page would cost more than writing it.
import type { SyncStatus } from '../../src/lib/contract.ts'
import type { Clock } from '../clock.ts'
import type { SyncStore } from './sync-store.ts'

export type StatusListener = (status: SyncStatus) => void

export type StatusBoard = {
  get: () => SyncStatus
  set: (patch: Partial<SyncStatus>) => void
  /** Re-reads loaded, version and messages soon (throttled). */
  refresh: () => void
  /** Re-reads them now; `patch` goes out in the same change. */
  refreshNow: (patch?: Partial<SyncStatus>) => Promise<void>
  onStatus: (listener: StatusListener) => () => void
  close: () => void
}

const refreshMs = 250

export function createStatusBoard(options: {
  store: Pick<SyncStore, 'counts' | 'version' | 'messageCoverage'>
  clock: Clock
  initial: SyncStatus
}): StatusBoard {
  const { store, clock } = options
  let status = options.initial
  const listeners = new Set<StatusListener>()
  const closed = new AbortController()
  let lastReadAt = Number.NEGATIVE_INFINITY
  let scheduled = false

  const set = (patch: Partial<SyncStatus>) => {
    const next = { ...status, ...patch }
    if (JSON.stringify(next) === JSON.stringify(status)) return
    status = next
    for (const listener of listeners) listener(status)
  }

  const read = async (patch: Partial<SyncStatus> = {}) => {
    lastReadAt = clock.now()
    const [counts, version, messages] = await Promise.all([
      store.counts(),
      store.version(),
      store.messageCoverage(),
    ])
    set({ ...patch, loaded: counts.conversations, version, messages })
  }

  return {
    get: () => status,
    set,
    refresh() {
      if (scheduled || closed.signal.aborted) return
      const wait = lastReadAt + refreshMs - clock.now()
      if (wait <= 0) {
        void read().catch(() => undefined)
        return
      }
      scheduled = true
      void clock
        .sleep(wait, closed.signal)
        .then(() => {
          scheduled = false
          return read()
        })
        .catch(() => undefined)
    },
    refreshNow: (patch) => read(patch),
    onStatus(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => closed.abort(),
  }
}
