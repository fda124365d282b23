import { useEffect, useRef, useState } from 'react'

/**
 * `value`, passed on at most once every `ms`: the latest value always arrives, at the
 * earliest `ms` after the one before it. A first change after a quiet spell passes at once.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [passed, setPassed] = useState(value)
  const passedAt = useRef(0)
  useEffect(() => {
    if (Object.is(value, passed)) return
    const wait = Math.max(0, passedAt.current + ms - Date.now())
    const timer = setTimeout(() => {
      passedAt.current = Date.now()
      setPassed(value)
    }, wait)
    return () => clearTimeout(timer)
  }, [value, passed, ms])
  return passed
}
