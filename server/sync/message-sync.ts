// The message sync: keeps every conversation's messages in the mirror. The store names
// the conversations whose messages it lacks or holds for an older state of them (a
// changed message_count or updated_at), most recently active first; each is read upstream
// at 'background' priority (the limiter serves it only what the list leaves of the crawl
// budget) and written with the state it was read for. Its progress is the store itself:
// a restarted process asks the same question and goes on where the last one stopped.
// A conversation perform.chat no longer has (404), or whose messages come back broken, is
// skipped until it changes; the list's next full pass removes a deleted one, its
// messages with it. A failure that concerns every call (a rejected key, an upstream down
// after retries) ends the round; the loop tries again after a growing pause.
import type { Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { MessageSyncCandidate } from '../store/store.ts'
import type { UpstreamClient } from '../upstream/client.ts'
import { UpstreamError } from '../upstream/errors.ts'
import { runPool } from './crawl-pool.ts'
import { withRetry, type RetryContext } from './crawl-retry.ts'
import { messagePageFetcher, readAllMessages } from './message-pages.ts'
import type { SyncStore } from './sync-store.ts'
import { createWakeup } from './wakeup.ts'

export type MessageSyncDeps = {
  store: Pick<SyncStore, 'messageSyncCandidates' | 'replaceMessages'>
  upstream: Pick<UpstreamClient, 'get'>
  clock: Clock
  logger: Logger
  retry: Omit<RetryContext, 'signal'>
  /** Conversations read at once: enough to keep up with the limiter's pace. */
  width: number
  /** Longest sleep with nothing to do, and the longest pause after failures. */
  idleMs: number
  onStored: () => void
}

export type MessageSync = {
  /** Reads while `ready()` (the first complete list is in), then whenever woken, until aborted. */
  run: (ready: () => boolean, signal: AbortSignal) => Promise<void>
  /** The list wrote new or changed conversations (or became ready): look again now. */
  wake: () => void
}

/** Ids one round remembers, so a round's memory stays bounded in a mirror of millions. */
const maxPerRound = 5000
const firstRetryMs = 5000
const stateKey = (c: MessageSyncCandidate) => `${c.message_count}|${c.updated_at}`

const skippable = (error: unknown) =>
  error instanceof UpstreamError && !error.retryable && error.code !== 'upstream_unauthorized'

export function createMessageSync(deps: MessageSyncDeps): MessageSync {
  const { store, logger } = deps
  const width = Math.max(1, Math.floor(deps.width))
  const wakeup = createWakeup(deps.clock)
  const skipped = new Map<string, string>()
  const isSkipped = (c: MessageSyncCandidate) => skipped.get(c.id) === stateKey(c)

  async function readOne(candidate: MessageSyncCandidate, signal: AbortSignal) {
    const fetchPage = messagePageFetcher(deps.upstream, candidate.id, 'background')
    try {
      const { messages } = await readAllMessages(
        (page, pageSignal) =>
          withRetry({ ...deps.retry, signal: pageSignal }, () => fetchPage(page, pageSignal)),
        signal,
        1,
      )
      const { message_count, updated_at } = candidate
      await store.replaceMessages(candidate.id, messages, { message_count, updated_at })
      deps.onStored()
      return true
    } catch (error) {
      if (signal.aborted || !skippable(error)) throw error
      skipped.set(candidate.id, stateKey(candidate))
      const reason = error instanceof Error ? error.message : String(error)
      const line = `sync: messages of ${candidate.id} skipped until it changes: ${reason}`
      if (error instanceof UpstreamError && error.code === 'not_found') logger.debug(line)
      else logger.warn(line)
      return false
    }
  }

  /** One round: every candidate the store names, until it names none this round has not taken. */
  async function round(signal: AbortSignal): Promise<number> {
    const queue: MessageSyncCandidate[] = []
    const taken = new Set<string>()
    let inFlight = 0
    let exhausted = false
    let refilling: Promise<void> | undefined
    let stored = 0

    const refill = async () => {
      const limit = width * 4 + queue.length + inFlight + skipped.size
      const found = await store.messageSyncCandidates(limit)
      if (found.length < limit) {
        // Every candidate is in `found`: a skipped one missing from it is current now or gone.
        const named = new Set(found.map((c) => c.id))
        for (const id of skipped.keys()) if (!named.has(id)) skipped.delete(id)
      }
      const fresh = found.filter((c) => !taken.has(c.id) && !isSkipped(c))
      for (const c of fresh) taken.add(c.id)
      queue.push(...fresh)
      if (fresh.length === 0 || taken.size >= maxPerRound) exhausted = true
    }
    // Asks the store for more while the last few are still read, so the pool never idles.
    const topUp = () => {
      if (exhausted || refilling || queue.length > width) return refilling
      refilling = refill().finally(() => (refilling = undefined))
      return refilling
    }
    const take = async () => {
      while (queue.length === 0 && !exhausted) await topUp()
      const next = queue.shift()
      void topUp()?.catch(() => undefined)
      return next
    }

    let workers = 0
    await runPool(
      { next: () => (workers < width ? workers++ : undefined) },
      () => width,
      signal,
      async (_worker, poolSignal) => {
        for (;;) {
          const candidate = await take()
          if (!candidate || poolSignal.aborted) return
          inFlight++
          try {
            if (await readOne(candidate, poolSignal)) stored++
          } finally {
            inFlight--
          }
        }
      },
    )
    return stored
  }

  return {
    async run(ready, signal) {
      // A function, not the property: the loop reads it again after every await.
      const stopped = () => signal.aborted
      let failures = 0
      while (!stopped()) {
        if (!ready()) {
          await wakeup.wait(deps.idleMs, signal)
          continue
        }
        try {
          const stored = await round(signal)
          failures = 0
          if (stored === 0) await wakeup.wait(deps.idleMs, signal)
        } catch (error) {
          if (stopped()) return
          failures++
          const reason = error instanceof Error ? error.message : String(error)
          logger.warn(`sync: message sync paused after a failure: ${reason}`)
          await deps.clock.sleep(Math.min(deps.idleMs, firstRetryMs * 2 ** (failures - 1)), signal)
        }
      }
    },
    wake: wakeup.wake,
  }
}
