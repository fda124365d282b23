// The two kinds of pass over one list, as the scheduler runs them: a full pass (recorded
// in the store as the list's last pass, which the next start and the freshness rule
// read) and a head refresh, each with the log line an operator reads.
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { ListKind } from '../store/store.ts'
import type { UpstreamClient } from '../upstream/client.ts'
import type { Limiter } from '../upstream/limiter.ts'
import type { Concurrency } from './crawl-concurrency.ts'
import type { RetryContext } from './crawl-retry.ts'
import { runFullPass, type FullPassDeps, type PageWritten, type PassResult } from './full-pass.ts'
import { refreshHead } from './head-refresh.ts'
import { listPageFetcher, type ListRow, type ListSource } from './list-source.ts'
import { writeLastPass, type LastPass } from './pass-state.ts'
import type { SyncStore } from './sync-store.ts'

export type ListPassDeps = {
  store: SyncStore
  upstream: Pick<UpstreamClient, 'get'>
  clock: Clock
  logger: Logger
  maxTotal: number
  concurrency: Concurrency
  retry: Omit<RetryContext, 'signal'>
  signal: AbortSignal
  /** The last finished pass of each list; updated as passes end. */
  last: Record<ListKind, LastPass | null>
  onPage: (kind: ListKind, page: PageWritten) => void
}

export type ListPasses = {
  full: <T extends ListRow>(
    list: ListSource<T>,
    pace?: Pick<Limiter, 'acquire'>,
    /** See FullPassDeps. */
    options?: Pick<FullPassDeps<T>, 'holdAfterFirstPage' | 'onFirstPageWritten'>,
  ) => Promise<PassResult>
  head: <T extends ListRow>(list: ListSource<T>, maxPages: number) => Promise<void>
}

const pageLimit = 100
const seconds = (ms: number) => (ms / 1000).toFixed(1)

export function createListPasses(deps: ListPassDeps): ListPasses {
  const { store, logger, last } = deps
  const fetcher = <T extends ListRow>(list: ListSource<T>) =>
    listPageFetcher(deps.upstream, list, pageLimit, deps.maxTotal)

  return {
    async full(list, pace, options = {}) {
      logger.debug(`sync: ${list.kind}: full pass starts${pace ? ', paced' : ''}`)
      const result = await runFullPass({
        list,
        fetchPage: fetcher(list),
        store,
        clock: deps.clock,
        limit: pageLimit,
        concurrency: deps.concurrency,
        retry: deps.retry,
        signal: deps.signal,
        ...(pace ? { pace } : {}),
        ...options,
        expectedTotal: last[list.kind]?.total ?? null,
        onPage: (page) => deps.onPage(list.kind, page),
      })
      const record: LastPass = {
        startedAt: result.startedAt,
        endedAt: result.endedAt,
        requests: result.requests,
        total: result.total,
        trustworthy: result.trustworthy,
        newestFirst: result.newestFirst ?? last[list.kind]?.newestFirst ?? null,
      }
      await writeLastPass(store, list.kind, record)
      last[list.kind] = record
      const took = seconds(result.endedAt - result.startedAt)
      const line = `sync: ${list.kind}: full pass read ${result.total} in ${took} s (${result.requests} requests${result.resumed ? ', resumed' : ''}), ${result.deleted} deleted`
      if (result.trustworthy) logger.info(line)
      else
        logger.warn(
          `${line}; possibly incomplete: the list changed under the pass in a way re-reading could not account for, so nothing was deleted`,
        )
      return result
    },

    async head(list, maxPages) {
      const result = await refreshHead({
        list,
        fetchPage: fetcher(list),
        store,
        retry: deps.retry,
        signal: deps.signal,
        maxPages,
        onPage: (page) => deps.onPage(list.kind, page),
      })
      if (result.changed > 0) {
        logger.debug(`sync: ${list.kind}: ${result.changed} new or changed at the head`)
      }
    },
  }
}
