import { act, render, screen } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { RateLimitStatus } from './rate-limit-status.tsx'

afterEach(() => {
  vi.useRealTimers()
})

test('counts the wait down from when the server said it', () => {
  vi.useFakeTimers()
  render(<RateLimitStatus seconds={12} since={Date.now() - 2_000} />)
  expect(screen.getByRole('status')).toHaveTextContent(/rate limit.* 10 s/)
  act(() => {
    vi.advanceTimersByTime(3_000)
  })
  expect(screen.getByRole('status')).toHaveTextContent(/ 7 s/)
  act(() => {
    vi.advanceTimersByTime(60_000)
  })
  expect(screen.getByRole('status')).toHaveTextContent(/rate limit.* in a moment/)
})
