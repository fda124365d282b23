// The cheap refresh of a newest-first list: new rows can only appear at its head, so
// page 1, 2, … are read until a page brings nothing new or changed (or the list ends, or
// `maxPages` were read). It deletes nothing and leaves the full pass's progress alone.
import { withRetry, type RetryContext } from './crawl-retry.ts'
import type { PageWritten } from './full-pass.ts'
import type { FetchPage, ListRow, ListSource } from './list-source.ts'
import type { SyncStore } from './sync-store.ts'

export type HeadRefreshDeps<T extends ListRow> = {
  list: ListSource<T>
  fetchPage: FetchPage<T>
  store: SyncStore
  retry: Omit<RetryContext, 'signal'>
  signal: AbortSignal
  maxPages: number
  onPage?: (page: PageWritten) => void
}

export type HeadRefreshResult = { pages: number; changed: number }

export async function refreshHead<T extends ListRow>(
  deps: HeadRefreshDeps<T>,
): Promise<HeadRefreshResult> {
  const { list, store, signal } = deps
  let changedInAll = 0
  for (let page = 1; page <= deps.maxPages; page++) {
    const read = await withRetry({ ...deps.retry, signal }, () => deps.fetchPage(page, signal))
    const changed = read.rows.length > 0 ? await list.write(store, read.rows) : 0
    changedInAll += changed
    deps.onPage?.({ total: read.total, changed })
    if (changed === 0 || page >= read.totalPages) return { pages: page, changed: changedInAll }
  }
  return { pages: deps.maxPages, changed: changedInAll }
}
