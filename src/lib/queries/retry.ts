import { ApiRequestError } from '../api-error.ts'

const MAX_WAIT_MS = 60_000

/**
 * A failure is shown at once with a Retry button; only a rate limit (which says when to
 * come back) and a dropped connection are waited out.
 */
export function shouldRetry(failureCount: number, error: Error): boolean {
  if (failureCount >= 3) return false
  return error instanceof ApiRequestError && (error.status === 429 || error.code === 'unreachable')
}

export function retryDelay(failureCount: number, error: Error): number {
  if (error instanceof ApiRequestError && error.retryAfterSeconds !== undefined) {
    return Math.min(error.retryAfterSeconds * 1000, MAX_WAIT_MS)
  }
  return Math.min(1000 * 2 ** failureCount, MAX_WAIT_MS)
}
