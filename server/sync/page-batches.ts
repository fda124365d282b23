// A pass's pages go to the store in batches: the first page at once, so the list shows
// rows as soon as it can, then every page that arrived meanwhile together, at most once
// per `intervalMs`. A commit rewrites every index page its rows touched, and a page of
// 100 conversations touches a leaf of each of ten indexes per row, so a fast crawl that
// committed once a page spent most of a first fill committing (10,000 rows in pages of
// 100: 460 ms of commits at one page a transaction, 100 ms at ten).
// Adding does not wait for the write, so the crawl keeps its width while a batch waits;
// only a queue of `maxQueued` pages makes the crawl wait for the store. A failed write is
// reported once through `onFailure`, and every later add and drain rejects with it. A
// stopping pass still writes what it fetched, at once: those requests are spent.
import type { Clock } from '../clock.ts'

export type PageBatches<P> = {
  /** Queues a page for the next batch; waits only while `maxQueued` pages are waiting. */
  add: (page: P) => Promise<void>
  /**
   * Writes what is queued at once, without waiting for its turn (no more pages are coming
   * to join it); resolves once every page added so far is written, rejects if a write failed.
   */
  drain: () => Promise<void>
}

export type PageBatchOptions<P> = {
  clock: Clock
  intervalMs: number
  maxQueued: number
  /** Once aborted, a batch is written at once instead of waiting for its turn. */
  signal: AbortSignal
  write: (pages: readonly P[]) => Promise<void>
  onFailure: (error: Error) => void
}

export function createPageBatches<P>(options: PageBatchOptions<P>): PageBatches<P> {
  const { clock, intervalMs } = options
  const queued: P[] = []
  let writing: Promise<void> | undefined
  let failed: Error | undefined
  let lastWriteAt = Number.NEGATIVE_INFINITY
  // The wait for the next turn, which a drain or the pass's end cuts short.
  let waiting: AbortController | undefined

  const writeAll = async () => {
    while (queued.length > 0 && !failed) {
      const wait = lastWriteAt + intervalMs - clock.now()
      if (wait > 0 && !options.signal.aborted) {
        waiting = new AbortController()
        const cut = AbortSignal.any([options.signal, waiting.signal])
        await clock.sleep(wait, cut).catch(() => undefined)
        waiting = undefined
      }
      const batch = queued.splice(0)
      lastWriteAt = clock.now()
      try {
        await options.write(batch)
      } catch (error) {
        failed = error instanceof Error ? error : new Error(String(error))
        options.onFailure(failed)
      }
    }
  }
  const kick = () => {
    writing ??= writeAll().finally(() => {
      writing = undefined
      // A page added between the loop's last look and this line still gets written.
      if (queued.length > 0 && !failed) kick()
    })
  }
  const drain = async () => {
    waiting?.abort()
    while (writing) await writing
    if (failed) throw failed
  }

  return {
    async add(page) {
      if (failed) throw failed
      queued.push(page)
      kick()
      if (queued.length >= options.maxQueued) await drain()
    },
    drain,
  }
}
