// The sync's first loop: full cycles, every conversation then every customer, as often as
// freshness.ts's rule allows (a mirror's first cycle reads the customers' first page beside
// the list's). The list is complete (the page's progress bar goes) the moment its pass
// ends, before the rest of the customers are read; a cycle cut short by a restart between
// the two reads only the customers when it resumes. A failed cycle is tried again after a
// back-off (retryable errors) or the TTL (the others).
import type { SyncStatus } from '../../src/lib/contract.ts'
import type { Clock } from '../clock.ts'
import type { ListKind } from '../store/store.ts'
import { UpstreamError } from '../upstream/errors.ts'
import type { Limiter } from '../upstream/limiter.ts'
import { nextFullPassAt, type CycleTimes, type FreshnessRule } from './freshness.ts'
import type { PassResult } from './full-pass.ts'
import type { ListPasses } from './list-passes.ts'
import { conversationList, customerList } from './list-source.ts'
import type { SyncMemory } from './pass-state.ts'
import type { StatusBoard } from './sync-status.ts'

export type FullCyclesDeps = {
  clock: Clock
  board: Pick<StatusBoard, 'set' | 'refreshNow'>
  passes: Pick<ListPasses, 'full'>
  memory: SyncMemory
  /** Paces full passes once the list is known newest first (head refreshes find the new). */
  pace: Pick<Limiter, 'acquire'>
  rule: () => FreshnessRule
  ttlMs: number
  firstRetryMs: number
  /** The list just became complete: the message sync may start. */
  onListComplete: () => void
  /** The status saying so has gone out: work the first fill left for later may run. */
  onCompleteShown: () => void
  fail: (what: string, error: unknown) => void
  signal: AbortSignal
}

const iso = (ms: number) => new Date(ms).toISOString()

export function createFullCycles(deps: FullCyclesDeps): { loop: () => Promise<void> } {
  const { clock, board, passes, signal } = deps
  const { last, underway } = deps.memory
  let customersDue = deps.memory.customersDue
  let running: ListKind = 'conversations'
  // A function, not the property: the loop reads it again after every await.
  const stopped = () => signal.aborted

  async function fullCycle(): Promise<CycleTimes> {
    board.set({ syncing: true })
    // Paced only once a complete pass has shown the head refreshes can find new rows.
    const paced = deps.rule().newestFirst ? deps.pace : undefined
    try {
      let beside: Promise<PassResult> | undefined
      if (!customersDue) {
        running = 'conversations'
        // A mirror that never read its customers would show the list's rows without names
        // until the customers pass, after the whole list (minutes at 1,000,000), then
        // relabel them all (10,000 rows: 60 ms on the event loop). Its first page is read
        // beside the list's (the newest customers, likely those of the newest
        // conversations; a small company's all of them), the rest once the list is in. It
        // starts once the list's first page is written: the key is proven by then, and a
        // rate-limited start retries the list's page 1 alone.
        const startBeside = () => {
          const holdAfterFirstPage = listPass.then(() => undefined)
          beside ??= passes.full(customerList, paced, { holdAfterFirstPage })
          // Awaited once the list is in; until then its failure must not go unhandled.
          beside.catch(() => undefined)
        }
        const listPass = passes.full(
          conversationList,
          paced,
          last.customers === null ? { onFirstPageWritten: startBeside } : {},
        )
        // A failed list stops the customers' pass at its hold: it ends before the cycle does.
        const first = await listPass.catch(async (error: unknown) => {
          await beside?.catch(() => undefined)
          throw error
        })
        customersDue = true
        deps.onListComplete()
        await board.refreshNow({
          complete: true,
          as_of: iso(first.startedAt),
          possibly_incomplete: !first.trustworthy,
          total: first.total,
          wait: null,
          error: null,
        } satisfies Partial<SyncStatus>)
        deps.onCompleteShown()
      }
      running = 'customers'
      const second = await (beside ?? passes.full(customerList, paced))
      customersDue = false
      await board.refreshNow()
      const first = last.conversations ?? second
      return {
        startedAt: first.startedAt,
        endedAt: second.endedAt,
        requests: first.requests + second.requests,
      }
    } finally {
      board.set({ syncing: false })
    }
  }

  const firstCycleAt = () => {
    const [conversations, customers] = [last.conversations, last.customers]
    if (underway.conversations || customersDue || !conversations || !customers) return clock.now()
    const cycle = {
      startedAt: conversations.startedAt,
      endedAt: customers.endedAt,
      requests: conversations.requests + customers.requests,
    }
    return nextFullPassAt(cycle, deps.rule())
  }

  return {
    async loop() {
      let failures = 0
      let nextAt = firstCycleAt()
      while (!stopped()) {
        if (nextAt > clock.now()) await clock.sleep(nextAt - clock.now(), signal)
        try {
          nextAt = nextFullPassAt(await fullCycle(), deps.rule())
          failures = 0
        } catch (error) {
          if (stopped()) return
          failures++
          deps.fail(`${running} full pass`, error)
          const retryable = error instanceof UpstreamError && error.retryable
          const delay = retryable
            ? Math.min(deps.ttlMs, deps.firstRetryMs * 2 ** (failures - 1))
            : deps.ttlMs
          nextAt = clock.now() + delay
        }
      }
    },
  }
}
