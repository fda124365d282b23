// Walks every page of a perform.chat list: page 1 alone (it tells how many there are),
// then the rest through a bounded pool. Pacing is the limiter's job (every fetchPage goes
// through it with priority 'crawl'); this module makes the result trustworthy: rows are
// deduplicated by id, and when `total` moved under the crawl, the pages whose rows may
// have slipped past are read again, at most twice, before the result is published as
// possibly incomplete.
import type { Clock } from '../clock.ts'
import { createCoverage, type Coverage } from './crawl-coverage.ts'
import { runPool } from './crawl-pool.ts'
import { defaultRetryPolicy, withRetry, type RetryPolicy } from './crawl-retry.ts'
import type { Limiter } from '../upstream/limiter.ts'

export type CrawlPage<T> = { rows: readonly T[]; total: number; totalPages: number }
export type FetchPage<T> = (
  page: number,
  limit: number,
  signal: AbortSignal,
) => Promise<CrawlPage<T>>

export type CrawlProgress<T> =
  /** Rows not seen before in this crawl, or seen with different content. */
  | { type: 'rows'; rows: readonly T[] }
  | { type: 'total'; total: number }
  /** The rate limit (ours, or a 429's Retry-After) holds the crawl back until then. */
  | { type: 'wait'; untilMs: number }

export type CrawlResult<T> = {
  rows: T[]
  total: number
  /** False when the list moved in a way re-reading could not account for. */
  complete: boolean
  /** `total` changed while the crawl ran. */
  moved: boolean
  requests: number
  rereadPages: number
  startedAt: number
  durationMs: number
}

export type CrawlOptions<T> = {
  fetchPage: FetchPage<T>
  concurrency: number
  clock: Clock
  limit?: number
  /** Paused on a 429 and watched for waits worth telling the user about. */
  limiter?: Pick<Limiter, 'pause' | 'onWait'>
  retry?: RetryPolicy
  random?: () => number
  signal?: AbortSignal
  onProgress?: (event: CrawlProgress<T>) => void
}

const extraRounds = 2
/** Waits shorter than this are ordinary pacing, not worth a "rate limit" notice. */
const noticeableWaitMs = 1000

export async function crawlAll<T extends { id: string }>(
  options: CrawlOptions<T>,
): Promise<CrawlResult<T>> {
  const { clock, limiter } = options
  const limit = options.limit ?? 100
  const signal = options.signal ?? new AbortController().signal
  const emit = options.onProgress ?? (() => undefined)
  const startedAt = clock.now()
  const rows = new Map<string, T>()
  let requests = 0
  let reportedTotal = -1

  const notice = (untilMs: number) => {
    if (untilMs - clock.now() >= noticeableWaitMs) emit({ type: 'wait', untilMs })
  }
  const stopWatching = limiter?.onWait((event) => {
    if (event.priority === 'crawl') notice(event.untilMs)
  })
  const retryContext = {
    clock,
    policy: options.retry ?? defaultRetryPolicy,
    random: options.random ?? Math.random,
    pause: limiter?.pause,
    onRateLimited: notice,
  }
  const fetchOne = (page: number, pageSignal: AbortSignal) =>
    withRetry({ ...retryContext, signal: pageSignal }, () => {
      requests++
      return options.fetchPage(page, limit, pageSignal)
    })

  const keep = (coverage: Coverage, page: number, result: CrawlPage<T>) => {
    coverage.record({ page, limit, total: result.total, ids: result.rows.map((row) => row.id) })
    const fresh = result.rows.filter((row) => {
      const before = rows.get(row.id)
      rows.set(row.id, row)
      return before === undefined || JSON.stringify(before) !== JSON.stringify(row)
    })
    if (result.total !== reportedTotal) {
      reportedTotal = result.total
      emit({ type: 'total', total: result.total })
    }
    if (fresh.length > 0) emit({ type: 'rows', rows: fresh })
  }

  try {
    const first = await fetchOne(1, signal)
    const startTotal = first.total
    const coverage = createCoverage(startTotal)
    keep(coverage, 1, first)
    const readAll = (pages: readonly number[]) =>
      runPool(pages, options.concurrency, signal, async (page, pageSignal) => {
        keep(coverage, page, await fetchOne(page, pageSignal))
      })
    await readAll(range(2, first.totalPages))
    let rereadPages = 0
    for (let round = 0; round < extraRounds; round++) {
      const missing = coverage.missingPages(limit)
      if (missing.length === 0) break
      rereadPages += missing.length
      await readAll(missing)
    }
    const complete = coverage.coversStart() && coverage.conflicts() === 0 && rows.size >= startTotal
    return {
      rows: [...rows.values()],
      total: coverage.latestTotal(),
      complete,
      moved: coverage.moved(),
      requests,
      rereadPages,
      startedAt,
      durationMs: clock.now() - startedAt,
    }
  } finally {
    stopWatching?.()
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i)
}
