// A sleep that another part of the sync can cut short: the message sync rests while the
// mirror has nothing for it and is woken when the list writes something new. A wake that
// comes while nobody sleeps is kept for the next sleep, so none is lost between a look
// at the store and the rest that follows it.
import type { Clock } from '../clock.ts'

export type Wakeup = {
  /** Sleeps `ms`, or until woken (at once if woken since the last sleep); rejects on abort. */
  wait: (ms: number, signal: AbortSignal) => Promise<void>
  wake: () => void
}

export function createWakeup(clock: Clock): Wakeup {
  let woken = false
  let cutShort: AbortController | undefined

  return {
    async wait(ms, signal) {
      if (!woken) {
        const controller = new AbortController()
        cutShort = controller
        try {
          await clock.sleep(ms, AbortSignal.any([signal, controller.signal]))
        } catch (error) {
          if (signal.aborted) throw error
        } finally {
          cutShort = undefined
        }
      }
      woken = false
    },
    wake() {
      woken = true
      cutShort?.abort()
    },
  }
}
