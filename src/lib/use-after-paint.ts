import { useEffect, useState } from 'react'

/**
 * Runs `run` once the next frame has been painted (a frame callback, then a task after
 * that frame); returns what cancels it. "Painted" here is what the bench's marks mean too.
 */
export function afterNextPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run)
  })
  return () => {
    cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}

/**
 * `value` once a frame showing it has been painted (the next frame, then a task), until
 * then the value before. Work the screen does not wait for (a search's count, the next
 * page's prefetch) starts after the rows are on it: started in the commit that shows them,
 * its requests and renders ran before that frame.
 */
export function useAfterPaint<T>(value: T): T | undefined {
  const [painted, setPainted] = useState<{ value: T }>()
  useEffect(() => afterNextPaint(() => setPainted({ value })), [value])
  return painted?.value
}
