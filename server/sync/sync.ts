// The sync: keeps the mirror filled from perform.chat, shared by every user of this
// process. Three loops: full cycles (full-cycles.ts: every conversation, then every
// customer, each pass writing its pages in batches and resuming after a restart), for a
// list found newest-created first head refreshes (when each runs is freshness.ts's rule),
// and, once the first complete list is in, the message sync on what the list leaves of
// the budget (message-sync.ts), woken whenever the list writes a new or changed row. Its
// status (what the page shows while loading, the rate-limit waits, the errors an
// operator must see) is read from the store when created, so a restarted server with a
// complete mirror says so before it calls upstream at all.
import type { SyncStatus } from '../../src/lib/contract.ts'
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { UpstreamClient } from '../upstream/client.ts'
import { UpstreamError } from '../upstream/errors.ts'
import { createLimiter, type Limiter } from '../upstream/limiter.ts'
import { createConcurrency } from './crawl-concurrency.ts'
import { defaultRetryPolicy, type RetryPolicy } from './crawl-retry.ts'
import { headRefreshMaxPages, pacedPerMinute } from './freshness.ts'
import { createFullCycles } from './full-cycles.ts'
import { createListPasses } from './list-passes.ts'
import { conversationList, customerList, inconsistentCode } from './list-source.ts'
import { createMessageSync } from './message-sync.ts'
import { readSyncMemory } from './pass-state.ts'
import type { SyncStore } from './sync-store.ts'
import { createStatusBoard, type StatusListener } from './sync-status.ts'

export type SyncOptions = {
  store: SyncStore
  upstream: Pick<UpstreamClient, 'get'>
  limiter: Pick<Limiter, 'pause' | 'onWait' | 'budget'>
  clock: Clock
  logger: Logger
  /** CRAWL_CONCURRENCY: the most requests the sync has in flight. */
  concurrency: number
  /** SNAPSHOT_TTL_SECONDS */
  ttlSeconds: number
  /** UPSTREAM_MAX_TOTAL: a larger `total` is an upstream error. */
  maxTotal: number
  retry?: RetryPolicy
  random?: () => number
}

export type Sync = {
  /** Starts both loops; the first pass of a mirror that needs one begins at once. */
  start: () => void
  /** Stops asking upstream and resolves once the pages in flight are written. */
  stop: () => Promise<void>
  status: () => SyncStatus
  onStatus: (listener: StatusListener) => () => void
}

/** Waits shorter than this are ordinary pacing, not worth a "rate limit" notice. */
const noticeableWaitMs = 1000
const firstRetryMs = 5000

const iso = (ms: number) => new Date(ms).toISOString()

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof UpstreamError) return { code: error.code, message: error.message }
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string'
      ? error.code
      : 'sync_failed'
  return { code, message: error instanceof Error ? error.message : String(error) }
}

export async function createSync(options: SyncOptions): Promise<Sync> {
  const { store, clock, logger } = options
  const ttlMs = options.ttlSeconds * 1000
  const crawlPerMinute = options.limiter.budget.crawlPerMinute
  const { last, underway, ...memory } = await readSyncMemory(store)
  const done = last.conversations
  const board = createStatusBoard({
    store,
    clock,
    initial: {
      complete: done !== null,
      loaded: (await store.counts()).conversations,
      total: done?.total ?? null,
      as_of: done ? iso(done.startedAt) : null,
      syncing: false,
      possibly_incomplete: done ? !done.trustworthy : false,
      wait: null,
      error: null,
      version: await store.version(),
      messages: await store.messageCoverage(),
    },
  })

  const controller = new AbortController()
  const { signal } = controller
  // A function, not the property: the loops read it again after every await.
  const stopped = () => signal.aborted
  const pace = createLimiter({
    perMinute: pacedPerMinute(crawlPerMinute),
    interactiveShare: 0,
    clock,
  })
  const newestFirst = () => last.conversations?.newestFirst === true
  const rule = () => ({ ttlMs, crawlPerMinute, newestFirst: newestFirst() })

  // Until when the rate limit holds the sync back, as last announced: a page landing
  // meanwhile (one of many in flight when a 429 came) must not clear the notice early.
  let waitUntil = 0
  const waitNotice = () => {
    const waitMs = waitUntil - clock.now()
    return waitMs < noticeableWaitMs
      ? null
      : { reason: 'rate_limit' as const, retry_after_seconds: Math.ceil(waitMs / 1000) }
  }
  const noteWait = (untilMs: number) => {
    waitUntil = Math.max(waitUntil, untilMs)
    const wait = waitNotice()
    if (wait) board.set({ wait })
  }
  const retry = {
    clock,
    policy: options.retry ?? defaultRetryPolicy,
    random: options.random ?? Math.random,
    pause: options.limiter.pause,
    onRateLimited: noteWait,
  }
  const messages = createMessageSync({
    store,
    upstream: options.upstream,
    clock,
    logger,
    retry,
    width: options.concurrency,
    idleMs: ttlMs,
    onStored: () => {
      board.set({ wait: waitNotice() })
      board.refresh()
    },
  })
  const passes = createListPasses({
    store,
    upstream: options.upstream,
    clock,
    logger,
    maxTotal: options.maxTotal,
    concurrency: createConcurrency({ max: options.concurrency, clock }),
    retry,
    signal,
    last,
    onPage: (kind, page) => {
      const total = kind === 'conversations' ? { total: page.total } : {}
      board.set({ wait: waitNotice(), error: null, ...total })
      board.refresh()
      if (kind === 'conversations' && page.changed > 0) messages.wake()
    },
  })
  const fail = (what: string, error: unknown) => {
    const problem = describe(error)
    board.set({ error: problem, wait: null })
    const line = `sync: ${what} failed: ${problem.message}`
    if (problem.code === inconsistentCode) logger.error(line, { code: problem.code })
    else logger.warn(line, { code: problem.code })
  }

  // The title index a first fill leaves for later is built once the complete list has
  // been announced, and at start when the mirror already holds a complete list (a process
  // stopped before the build had finished). A first fill stopped half-way is not built at
  // start: its pass resumes, and the build would only race it. One build at a time; a
  // failure leaves title searches testing every title, as they do until it is built, and
  // the next pass tries again.
  let indexing: Promise<void> | undefined
  function finishIndexes() {
    indexing ??= store
      .finishDeferredIndexes(signal)
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error)
        if (!stopped()) logger.warn(`mirror: could not build the title search index: ${reason}`)
      })
      .finally(() => (indexing = undefined))
  }

  const cycles = createFullCycles({
    clock,
    board,
    passes,
    memory: { last, underway, customersDue: memory.customersDue },
    pace,
    rule,
    ttlMs,
    firstRetryMs,
    onListComplete: () => messages.wake(),
    onCompleteShown: finishIndexes,
    fail,
    signal,
  })

  async function headLoop() {
    const maxPages = headRefreshMaxPages({ ttlMs, crawlPerMinute })
    while (!stopped()) {
      for (const list of [conversationList, customerList]) {
        if (last[list.kind]?.newestFirst !== true) continue
        await passes.head(list, maxPages).catch((error: unknown) => {
          if (!stopped()) fail(`${list.kind} head refresh`, error)
        })
      }
      await clock.sleep(ttlMs, signal)
    }
  }

  let loops: Promise<unknown> | undefined
  let stopWatching = () => {}
  const quietly = (loop: Promise<void>) => loop.catch(() => undefined)

  return {
    start() {
      if (loops) return
      stopWatching = options.limiter.onWait((event) => {
        if (event.priority === 'crawl') noteWait(event.untilMs)
      })
      if (last.conversations !== null) finishIndexes()
      loops = Promise.all([
        quietly(cycles.loop()),
        quietly(headLoop()),
        quietly(messages.run(() => last.conversations !== null, signal)),
      ])
    },
    async stop() {
      controller.abort(new Error('the sync is stopping'))
      stopWatching()
      await loops
      await indexing
      board.close()
    },
    status: board.get,
    onStatus: board.onStatus,
  }
}
