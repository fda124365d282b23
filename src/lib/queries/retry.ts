import { ApiRequestError } from '../api-error.ts'

const MAX_WAIT_MS = 60_000

/**
 * For a streamed snapshot. The server already retries perform.chat where that helps and
 * reports why it stopped, so only an unreachable server (a dropped connection) is tried again.
 */
function retryUnreachable(failureCount: number, error: Error): boolean {
  return failureCount < 2 && error instanceof ApiRequestError && error.code === 'unreachable'
}

/**
 * For a single answer (a conversation, a page of messages, a customer): a failure is shown
 * at once with a Retry button; only a rate limit (which says when to come back) and a
 * dropped connection are waited out.
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

// Snapshots are large: structural sharing would walk every row on every streamed chunk.
// They refresh in the background (interval and window focus); the page decides when to show it.
export const snapshotDefaults = {
  structuralSharing: false,
  staleTime: 30_000,
  refetchInterval: 60_000,
  refetchOnWindowFocus: true,
  retry: retryUnreachable,
} as const
