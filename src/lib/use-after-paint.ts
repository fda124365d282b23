import { useEffect, useState } from 'react'

/**
 * `value` once a frame showing it has been painted (the next frame, then a task), until
 * then the value before. Work the screen does not wait for (a search's count, the next
 * page's prefetch) starts after the rows are on it: started in the commit that shows them,
 * its requests and renders ran before that frame.
 */
export function useAfterPaint<T>(value: T): T | undefined {
  const [painted, setPainted] = useState<{ value: T }>()
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted({ value }))
    })
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }, [value])
  return painted?.value
}
