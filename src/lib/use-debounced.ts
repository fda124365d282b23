import { useCallback, useEffect, useMemo, useRef } from 'react'

/**
 * Runs the latest scheduled callback once `ms` have passed without another call. Each call
 * passes its own callback, so nothing stale is ever run. `flush` runs a pending one now.
 */
export function useDebounced(ms: number) {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const pending = useRef<(() => void) | null>(null)

  const cancel = useCallback(() => {
    clearTimeout(timer.current)
    pending.current = null
  }, [])
  const flush = useCallback(() => {
    const run = pending.current
    cancel()
    run?.()
  }, [cancel])
  const schedule = useCallback(
    (run: () => void) => {
      clearTimeout(timer.current)
      pending.current = run
      timer.current = setTimeout(flush, ms)
    },
    [ms, flush],
  )
  useEffect(() => cancel, [cancel])
  return useMemo(() => ({ schedule, flush, cancel }), [schedule, flush, cancel])
}
