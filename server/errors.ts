// The one error shape of /api: {"error":{"code","message"}}, with the HTTP status and,
// for rate limits, the seconds to wait.
import type { ApiError } from '../src/lib/contract.ts'

export class ApiFailure extends Error {
  readonly status: number
  readonly code: string
  readonly retryAfterSeconds: number | undefined

  constructor(status: number, code: string, message: string, retryAfterSeconds?: number) {
    super(message)
    this.name = 'ApiFailure'
    this.status = status
    this.code = code
    this.retryAfterSeconds = retryAfterSeconds
  }
}

export function errorBody(code: string, message: string): ApiError {
  return { error: { code, message } }
}
