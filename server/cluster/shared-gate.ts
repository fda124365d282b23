// The upstream gate of a replica among several: the local limiter still orders this
// process's calls by priority and paces them, and then each call must also get a grant
// of the budget all replicas share (shared-ledger.ts) before it goes. Crawl and
// background calls ask one at a time, in the order the limiter let them through, so a
// full window costs one question per freed slot, not one per waiting call. A 429 or a
// 401 seen here is written to the ledger, so every replica holds back; the first call
// after a shared 401 cool-down is the one probe of the key (see cluster_take_grant).
import { abortReason, type Clock } from '../clock.ts'
import type { Logger } from '../logger.ts'
import type { UpstreamGate } from '../upstream/client.ts'
import { GateKeyRejected, GateWaitTooLong } from '../upstream/gate-wait.ts'
import type { Limiter, Priority, WaitListener } from '../upstream/limiter.ts'
import type { Ledger, LedgerAnswer } from './shared-ledger.ts'

export type SharedGate = Limiter & Required<Pick<UpstreamGate, 'keyRejected' | 'keyAccepted'>>

export function createSharedGate(deps: {
  local: Limiter
  ledger: Ledger
  clock: Clock
  logger: Logger
  /** How long to wait before asking again while the ledger cannot be reached. */
  unavailableRetryMs: number
}): SharedGate {
  const { local, ledger, clock, logger } = deps
  const listeners = new Set<WaitListener>()
  let turn: Promise<void> = Promise.resolve()
  let probing = false
  let unreachable = false

  const ask = async (limit: number): Promise<LedgerAnswer> => {
    try {
      const answer = await ledger.take(limit)
      unreachable = false
      return answer
    } catch (error) {
      if (!unreachable) {
        const reason = error instanceof Error ? error.message : String(error)
        logger.warn(`cluster: the shared upstream budget cannot be read (${reason}); waiting`)
      }
      unreachable = true
      return { granted: false, reason: 'full', waitMs: deps.unavailableRetryMs }
    }
  }

  async function pass(priority: Priority, signal: AbortSignal | undefined, deadline: number) {
    const { perMinute, crawlPerMinute } = local.budget
    const limit = priority === 'interactive' ? perMinute : crawlPerMinute
    for (;;) {
      if (signal?.aborted) throw abortReason(signal)
      const answer = await ask(limit)
      if (answer.granted) {
        if (answer.probe) probing = true
        return
      }
      const until = clock.now() + answer.waitMs
      if (answer.reason === 'unauthorized') throw new GateKeyRejected(until)
      // The local limiter then shows the pause (the sync's notice) and refuses
      // interactive calls that could not wait for it.
      if (answer.reason === 'paused') local.pause(until)
      if (until > deadline) throw new GateWaitTooLong(until)
      for (const listener of listeners) listener({ priority, untilMs: until })
      await clock.sleep(answer.waitMs, signal)
    }
  }

  /** Runs `fn` after every earlier call of the crawl's share has had its grant. */
  async function inTurn(fn: () => Promise<void>, signal: AbortSignal | undefined) {
    const before = turn
    let release = () => {}
    const mine = new Promise<void>((resolve) => (release = resolve))
    turn = before.then(() => mine)
    try {
      await abortable(before, signal)
      await fn()
    } finally {
      release()
    }
  }

  const record = (what: string, write: Promise<void>) =>
    write.catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error)
      logger.warn(
        `cluster: could not share the upstream's ${what} with the other replicas (${reason})`,
      )
    })

  return {
    budget: local.budget,
    async acquire(priority, signal, options) {
      const deadline =
        options?.maxWaitMs === undefined
          ? Number.POSITIVE_INFINITY
          : clock.now() + options.maxWaitMs
      await local.acquire(priority, signal, options)
      if (priority === 'interactive') return pass(priority, signal, deadline)
      return inTurn(() => pass(priority, signal, deadline), signal)
    },
    pause(untilEpochMs) {
      local.pause(untilEpochMs)
      void record('Retry-After', ledger.pause(untilEpochMs - clock.now()))
    },
    keyRejected(untilEpochMs) {
      probing = false
      void record('401 cool-down', ledger.reject(untilEpochMs - clock.now()))
    },
    keyAccepted() {
      if (!probing) return
      probing = false
      void record('accepted key', ledger.accept())
    },
    stats: local.stats,
    onWait(listener) {
      listeners.add(listener)
      const stopLocal = local.onWait(listener)
      return () => {
        listeners.delete(listener)
        stopLocal()
      }
    },
    flush: local.flush,
  }
}

function abortable(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(abortReason(signal))
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    })
  })
}
