// Test helper: crawls the test drives by hand (progress, then finish or fail), for tests
// that must see what the server does while a crawl is still running.
import type { Conversation } from '../../src/lib/contract.ts'
import { realClock, type Clock } from '../clock.ts'
import type { CrawlProgress } from '../sync/crawler.ts'
import { createSnapshotStore, type SnapshotCrawl } from '../sync/snapshot-store.ts'

export type ControlledRun<T> = {
  progress: (event: CrawlProgress<T>) => void
  finish: (rows: T[], complete?: boolean) => void
  fail: (error: Error) => void
}

/** A snapshot store's `crawl`: each call is one run, kept in `runs` for the test to drive. */
export function controlledCrawls<T>(clock: Clock) {
  const runs: ControlledRun<T>[] = []
  const crawl: SnapshotCrawl<T> = (progress) =>
    new Promise((resolve, reject) => {
      const startedAt = clock.now()
      runs.push({
        progress,
        fail: reject,
        finish: (rows, complete = true) =>
          resolve({
            rows,
            total: rows.length,
            complete,
            moved: false,
            requests: 1,
            rereadPages: 0,
            startedAt,
            durationMs: clock.now() - startedAt,
          }),
      })
    })
  const run = (at: number): ControlledRun<T> => {
    const found = runs[at]
    if (!found) throw new Error(`no crawl #${at}`)
    return found
  }
  return { runs, crawl, run }
}

/** A conversation snapshot store on the real clock whose one crawl the test drives. */
export function controlledConversationCrawl() {
  const { runs, crawl, run } = controlledCrawls<Conversation>(realClock)
  const store = createSnapshotStore<Conversation>({
    ttlSeconds: 60,
    clock: realClock,
    crawl,
  })
  return {
    store,
    /** True once a reader has started the crawl. */
    started: () => runs.length > 0,
    progress: (event: CrawlProgress<Conversation>) => run(0).progress(event),
    finish: (rows: Conversation[]) => run(0).finish(rows),
  }
}
