// One full pass over a perform.chat list, written into the mirror in batches of whole
// pages (page-batches.ts): each batch is one store call (one transaction), then the pass's
// progress is saved, so a process killed at any moment leaves whole pages and the next
// start continues where this one stopped. The first pages go out before the total is
// known (a fresh server loads a small list in a few round trips), the rest as the first
// answer tells how many there are. When `total` moves under the pass, the pages whose rows
// may have slipped past are read again, at most twice. Only a pass that saw every row that
// existed at its start, in a list that did not move in a way re-reading cannot repair,
// deletes what it did not see; any other leaves the mirror as it is and says it is
// possibly incomplete.
import { abortReason, type Clock } from '../clock.ts'
import type { Limiter } from '../upstream/limiter.ts'
import { UpstreamError } from '../upstream/errors.ts'
import { createCoverage, type Coverage } from './crawl-coverage.ts'
import type { Concurrency } from './crawl-concurrency.ts'
import { runPool } from './crawl-pool.ts'
import { createPageBatches } from './page-batches.ts'
import { withRetry, type RetryContext } from './crawl-retry.ts'
import { createOrderCheck } from './list-order.ts'
import type { FetchPage, ListPage, ListRow, ListSource } from './list-source.ts'
import { readProgress, writeProgress, type LastPass, type PassProgress } from './pass-state.ts'
import type { SyncStore } from './sync-store.ts'

export type PageWritten = { total: number; changed: number }

export type FullPassDeps<T extends ListRow> = {
  list: ListSource<T>
  fetchPage: FetchPage<T>
  store: SyncStore
  clock: Clock
  limit: number
  concurrency: Concurrency
  retry: Omit<RetryContext, 'signal'>
  signal: AbortSignal
  /** Held by full passes when they may use only part of the crawl budget. */
  pace?: Pick<Limiter, 'acquire'>
  /** The list's total as the last pass left it: no point asking for pages far past it. */
  expectedTotal?: number | null
  /**
   * Reads page 1 alone, then waits for this before the rest; a rejection stops the pass
   * there, its page 1 written and its progress kept (the customers beside a first list).
   */
  holdAfterFirstPage?: Promise<void>
  /** Called once, when the pass's first page is in the store. */
  onFirstPageWritten?: () => void
  onPage?: (page: PageWritten) => void
}

export type PassResult = LastPass & { deleted: number; rereadPages: number; resumed: boolean }

const extraRounds = 2

/** Pages that arrive within this long of the last write wait to be written together. */
export const WRITE_INTERVAL_MS = 100
/** Past this many pages waiting for a write, the crawl waits for the store. */
const MAX_QUEUED_PAGES = 20

type Fetched<T> = { page: number; read: ListPage<T> }

/** A page asked for before the total was known may lie past the end; some APIs refuse it. */
const pastTheEnd = (error: unknown) =>
  error instanceof UpstreamError &&
  (error.code === 'not_found' || error.code === 'upstream_bad_request')

/** Resolves when `hold` does; rejects with its error, or with the signal's once aborted. */
function released(hold: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    hold.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

export async function runFullPass<T extends ListRow>(deps: FullPassDeps<T>): Promise<PassResult> {
  const { list, store, clock, limit, signal } = deps
  const saved = await readProgress(store, list.kind)
  const resumed = saved?.limit === limit
  const progress: PassProgress =
    saved?.limit === limit
      ? saved
      : {
          mark: await store.seenMark(list.kind),
          startedAt: clock.now(),
          limit,
          startTotal: null,
          covered: [],
        }
  if (!resumed) await writeProgress(store, list.kind, progress)

  let coverage: Coverage | undefined =
    progress.startTotal === null ? undefined : createCoverage(progress.startTotal, progress.covered)
  const order = createOrderCheck()
  let requests = 0

  // Saves coalesce: one write in flight, then one more with whatever landed meanwhile.
  let saving: Promise<void> | undefined
  let dirty = false
  const save = () => {
    dirty = true
    saving ??= (async () => {
      while (dirty && coverage) {
        dirty = false
        const covered = coverage.covered().map(([from, to]) => [from, to] as [number, number])
        await writeProgress(store, list.kind, { ...progress, covered })
      }
    })().finally(() => (saving = undefined))
  }

  const fetchOne = (page: number, pageSignal: AbortSignal) =>
    withRetry({ ...deps.retry, signal: pageSignal }, () =>
      deps.concurrency.measure(async () => {
        await deps.pace?.acquire('crawl', pageSignal)
        requests++
        return deps.fetchPage(page, pageSignal)
      }),
    )

  // Coverage is created when the first page arrives (the rest of the pass is planned from
  // its total) but records a page only once it is written: saved progress never claims a
  // page a kill could still lose.
  let firstPageWritten = false
  const writeBatch = async (pages: readonly Fetched<T>[]) => {
    const rows = pages.flatMap(({ read }) => read.rows)
    const changed = rows.length > 0 ? await list.write(store, rows) : 0
    for (const { page, read } of pages) {
      coverage?.record({ page, limit, total: read.total, ids: read.rows.map((row) => row.id) })
      order.record(page, read.total, read.rows)
    }
    save()
    const total = pages.at(-1)?.read.total
    if (total !== undefined) deps.onPage?.({ total, changed })
    if (!firstPageWritten) {
      firstPageWritten = true
      deps.onFirstPageWritten?.()
    }
  }
  const failed = new AbortController()
  const passSignal = AbortSignal.any([signal, failed.signal])
  const batches = createPageBatches<Fetched<T>>({
    clock,
    intervalMs: WRITE_INTERVAL_MS,
    maxQueued: MAX_QUEUED_PAGES,
    signal,
    write: writeBatch,
    onFailure: (error) => failed.abort(error),
  })

  const speculative = new Set<number>()
  const readPage = async (page: number, pageSignal: AbortSignal) => {
    try {
      const read = await fetchOne(page, pageSignal)
      if (!coverage) {
        progress.startTotal = read.total
        coverage = createCoverage(read.total)
      }
      await batches.add({ page, read })
    } catch (error) {
      // Left a hole if it was not past the end after all: the re-read rounds ask again.
      if (!(speculative.has(page) && page > 1 && pastTheEnd(error))) throw error
    }
  }
  const readAll = (pages: readonly number[]) => {
    let next = 0
    return runPool({ next: () => pages[next++] }, deps.concurrency.limit, passSignal, readPage)
  }

  try {
    // Before the total is known: pages 1..width at once (page 1 alone when resuming).
    const requested = new Set<number>()
    let planned: number[] | undefined
    let next = 0
    const expectedPages = deps.expectedTotal == null ? Infinity : deps.expectedTotal / limit
    const hold = deps.holdAfterFirstPage
    // It may settle (the list failing) while page 1 is still on its way.
    hold?.catch(() => undefined)
    const firstWidth =
      resumed || hold
        ? 1
        : Math.max(1, Math.min(deps.concurrency.limit(), Math.ceil(expectedPages)))
    let held = hold !== undefined
    const pages = {
      next() {
        if (!coverage) {
          if (requested.size >= firstWidth) return undefined
          const page = requested.size + 1
          requested.add(page)
          speculative.add(page)
          return page
        }
        if (held) return undefined
        planned ??= coverage.missingPages(limit).filter((page) => !requested.has(page))
        return planned[next++]
      },
    }
    await runPool(pages, deps.concurrency.limit, passSignal, readPage)
    if (hold) {
      // Its first page is on screen now rather than at the next batch's turn.
      await batches.drain()
      await released(hold, passSignal)
      held = false
      await runPool(pages, deps.concurrency.limit, passSignal, readPage)
    }
    await batches.drain()
    if (!coverage) throw new Error(`the ${list.kind} pass ended without reading a page`)
    let rereadPages = 0
    for (let round = 0; round < extraRounds; round++) {
      const missing = coverage.missingPages(limit)
      if (missing.length === 0) break
      rereadPages += missing.length
      await readAll(missing)
      await batches.drain()
    }
    await saving
    const trustworthy =
      coverage.coversStart() && coverage.conflicts() === 0 && coverage.duplicates() === 0
    // Every row this process read is in the mirror, marked past the pass's mark, and a
    // trustworthy pass read no id twice: a mirror holding no more rows than that holds none
    // unseen, and the search for them is skipped: SQLite reads every row for it on the
    // event loop (in steps of rowids, the write lock held in each; at 1,000,000
    // conversations 0.26–0.52 s in all). A resumed pass knows the rows of the
    // process before it only by their positions, so it searches.
    const mayHoldUnseen =
      trustworthy && (resumed || (await store.counts())[list.kind] > coverage.readHere())
    const deleted = mayHoldUnseen ? await store.deleteUnseen(list.kind, progress.mark) : 0
    await writeProgress(store, list.kind, null)
    return {
      startedAt: progress.startedAt,
      endedAt: clock.now(),
      requests,
      total: coverage.latestTotal(),
      trustworthy,
      newestFirst: order.verdict(),
      deleted,
      rereadPages,
      resumed,
    }
  } finally {
    // Whatever was fetched is written before the pass lets go of the store.
    await batches.drain().catch(() => undefined)
    await saving
  }
}
