// A pool whose work and width can change while it runs: `next` may have nothing to give
// yet (a pass does not know how many pages there are until the first one answers) and
// `limit` moves with the upstream's health. The first failure aborts the tasks still
// running and is what the pool rejects with.
import { abortReason } from '../clock.ts'

export type PoolSource<I> = {
  /** The next item, or undefined when there is nothing to start now. */
  next: () => I | undefined
}

export function runPool<I>(
  source: PoolSource<I>,
  limit: () => number,
  parent: AbortSignal,
  task: (item: I, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController()
  const onAbort = () => controller.abort(parent.reason)
  parent.addEventListener('abort', onAbort, { once: true })
  let active = 0
  let failure: { error: Error } | undefined

  return new Promise<void>((resolve, reject) => {
    const finish = () => {
      parent.removeEventListener('abort', onAbort)
      if (failure) reject(failure.error)
      else resolve()
    }
    const fail = (error: unknown) => {
      if (failure) return
      failure = { error: error instanceof Error ? error : new Error(String(error)) }
      controller.abort(failure.error)
    }
    const fill = () => {
      if (!failure && parent.aborted) fail(abortReason(parent))
      while (!failure && active < Math.max(1, limit())) {
        const item = source.next()
        if (item === undefined) break
        active++
        void task(item, controller.signal)
          .catch(fail)
          .finally(() => {
            active--
            fill()
          })
      }
      // Only a running task can make more work appear: with none left, the pool is done.
      if (active === 0) finish()
    }
    fill()
  })
}
