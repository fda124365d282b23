// The last crawl's result, shared by every request: one snapshot and at most one crawl in
// flight per store. Readers get the snapshot at once when there is one (a stale one starts
// ONE background refresh and keeps being served); before the first crawl ends they follow
// it live, rows as pages arrive. A failed refresh keeps the old snapshot.
import type { Clock } from '../clock.ts'
import type { CrawlProgress, CrawlResult } from './crawler.ts'

export type Snapshot<T> = {
  rows: readonly T[]
  total: number
  /** When the crawl began: every row that existed then is in it (unless `complete` is false). */
  asOf: number
  complete: boolean
  crawlDurationMs: number
}

export type SnapshotEvent<T> =
  | { type: 'snapshot'; snapshot: Snapshot<T> }
  | CrawlProgress<T>
  | { type: 'done'; snapshot: Snapshot<T> }
  | { type: 'error'; error: unknown }

export type SnapshotStatus = {
  asOf: number | null
  complete: boolean | null
  crawling: boolean
  lastError: unknown
  lastCrawlDurationMs: number | null
}

export type SnapshotStore<T> = {
  /**
   * Calls `listener` with the snapshot at once when there is one, else with what the
   * running first crawl has so far and then with its progress until 'done' or 'error'.
   * Returns an unsubscribe function; leaving never cancels the shared crawl.
   */
  watch: (listener: (event: SnapshotEvent<T>) => void) => () => void
  /** The snapshot, waiting for the first crawl if need be. */
  read: (signal?: AbortSignal) => Promise<Snapshot<T>>
  /** Its rows (what the customer search needs). */
  all: (signal?: AbortSignal) => Promise<readonly T[]>
  current: () => Snapshot<T> | null
  status: () => SnapshotStatus
}

export type SnapshotCrawl<T> = (
  onProgress: (event: CrawlProgress<T>) => void,
) => Promise<CrawlResult<T>>

type Live<T> = {
  listeners: Set<(event: SnapshotEvent<T>) => void>
  /** Rows so far, kept only while there is no snapshot, for readers who join late. */
  rows: T[]
  total: number | null
  waitUntil: number | null
}

export function createSnapshotStore<T>(options: {
  crawl: SnapshotCrawl<T>
  ttlSeconds: number
  clock: Clock
  onCrawlEnd?: (outcome: { snapshot: Snapshot<T> } | { error: unknown }) => void
}): SnapshotStore<T> {
  const { clock } = options
  let snapshot: Snapshot<T> | null = null
  let live: Live<T> | null = null
  let lastError: unknown = null
  let lastFailureAt = Number.NEGATIVE_INFINITY
  let finishedAt = 0

  const notify = (target: Live<T>, event: SnapshotEvent<T>) => {
    for (const listener of target.listeners) listener(event)
  }

  /**
   * Old enough by the TTL (or possibly incomplete, which the page offers to refresh at
   * once), and the last crawl finished at least twice its own duration ago.
   */
  const stale = (current: Snapshot<T>, now: number) =>
    (!current.complete || now - current.asOf > options.ttlSeconds * 1000) &&
    now - finishedAt >= 2 * current.crawlDurationMs &&
    now - lastFailureAt > options.ttlSeconds * 1000

  const start = (): Live<T> => {
    const run: Live<T> = { listeners: new Set(), rows: [], total: null, waitUntil: null }
    live = run
    options
      .crawl((event) => {
        if (event.type === 'wait') run.waitUntil = event.untilMs
        else run.waitUntil = null
        if (event.type === 'total') run.total = event.total
        if (event.type === 'rows' && !snapshot) run.rows.push(...event.rows)
        notify(run, event)
      })
      .then(
        (result) => {
          const next: Snapshot<T> = {
            rows: result.rows,
            total: result.total,
            asOf: result.startedAt,
            complete: result.complete,
            crawlDurationMs: result.durationMs,
          }
          snapshot = next
          finishedAt = clock.now()
          lastError = null
          live = null
          options.onCrawlEnd?.({ snapshot: next })
          notify(run, { type: 'done', snapshot: next })
        },
        (error: unknown) => {
          lastError = error
          lastFailureAt = clock.now()
          live = null
          options.onCrawlEnd?.({ error })
          notify(run, { type: 'error', error })
        },
      )
    return run
  }

  function watch(listener: (event: SnapshotEvent<T>) => void) {
    if (snapshot) {
      if (!live && stale(snapshot, clock.now())) start()
      listener({ type: 'snapshot', snapshot })
      return () => undefined
    }
    const run = live ?? start()
    if (run.total !== null) listener({ type: 'total', total: run.total })
    if (run.rows.length > 0) listener({ type: 'rows', rows: run.rows.slice() })
    if (run.waitUntil !== null && run.waitUntil > clock.now()) {
      listener({ type: 'wait', untilMs: run.waitUntil })
    }
    run.listeners.add(listener)
    return () => run.listeners.delete(listener)
  }

  const read = (signal?: AbortSignal) =>
    new Promise<Snapshot<T>>((resolve, reject) => {
      const onAbort = () => {
        stop()
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'))
      }
      const stop = watch((event) => {
        if (event.type !== 'snapshot' && event.type !== 'done' && event.type !== 'error') return
        signal?.removeEventListener('abort', onAbort)
        queueMicrotask(() => stop())
        if (event.type === 'error')
          reject(event.error instanceof Error ? event.error : new Error(String(event.error)))
        else resolve(event.snapshot)
      })
      signal?.addEventListener('abort', onAbort, { once: true })
    })

  return {
    watch,
    read,
    all: async (signal) => (await read(signal)).rows,
    current: () => snapshot,
    status: () => ({
      asOf: snapshot?.asOf ?? null,
      complete: snapshot?.complete ?? null,
      crawling: live !== null,
      lastError,
      lastCrawlDurationMs: snapshot?.crawlDurationMs ?? null,
    }),
  }
}
