/**
 * Runs `task` over `items` with at most `concurrency` in flight. The first failure aborts
 * `signal` for the tasks still running and is what the pool rejects with.
 */
export async function runPool<I>(
  items: readonly I[],
  concurrency: number,
  parent: AbortSignal,
  task: (item: I, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController()
  const onAbort = () => controller.abort(parent.reason)
  parent.addEventListener('abort', onAbort, { once: true })
  let next = 0
  let failure: { error: unknown } | undefined
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++] as I
      try {
        await task(item, controller.signal)
      } catch (error) {
        failure ??= { error }
        controller.abort(error)
      }
    }
  }
  try {
    parent.throwIfAborted()
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
    )
  } finally {
    parent.removeEventListener('abort', onAbort)
  }
  if (failure) throw failure.error
}
