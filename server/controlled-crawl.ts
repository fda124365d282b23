// Test helper: a conversation snapshot store whose one crawl the test drives by hand,
// for tests that must see what the server sends while a crawl is still running.
import type { Conversation } from '../src/lib/contract.ts'
import { realClock } from './clock.ts'
import type { CrawlProgress } from './crawler.ts'
import { createSnapshotStore } from './snapshot-store.ts'

export function controlledConversationCrawl() {
  let progress: ((event: CrawlProgress<Conversation>) => void) | undefined
  let resolve: ((rows: Conversation[]) => void) | undefined
  const store = createSnapshotStore<Conversation>({
    name: 'conversations',
    ttlSeconds: 60,
    clock: realClock,
    crawl: (onProgress) =>
      new Promise((done) => {
        progress = onProgress
        const startedAt = Date.now()
        resolve = (rows) =>
          done({
            rows,
            total: rows.length,
            complete: true,
            moved: false,
            requests: 1,
            rereadPages: 0,
            startedAt,
            durationMs: Date.now() - startedAt,
          })
      }),
  })
  return {
    store,
    /** True once a reader has started the crawl. */
    started: () => progress !== undefined,
    progress: (event: CrawlProgress<Conversation>) => progress?.(event),
    finish: (rows: Conversation[]) => resolve?.(rows),
  }
}
