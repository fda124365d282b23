// What each way perform.chat can fail becomes for our /api: status, code, a message a
// support person can act on, and whether trying again can help.
import { UpstreamErrorSchema } from '../../src/lib/contract.ts'
import { ApiFailure } from '../errors.ts'

export class UpstreamError extends ApiFailure {
  readonly retryable: boolean
  readonly upstreamStatus: number | undefined

  constructor(
    fields: { status: number; code: string; message: string; retryable: boolean },
    extra: { retryAfterSeconds?: number; upstreamStatus?: number } = {},
  ) {
    super(fields.status, fields.code, fields.message, extra.retryAfterSeconds)
    this.name = 'UpstreamError'
    this.retryable = fields.retryable
    this.upstreamStatus = extra.upstreamStatus
  }
}

/** A body over the size limit: not retryable, as the same request would bring the same body. */
export const upstreamTooLargeCode = 'upstream_too_large'

export const upstreamErrors = {
  unauthorized: (keyId: string) =>
    new UpstreamError(
      {
        status: 502,
        code: 'upstream_unauthorized',
        message: `perform.chat rejected the API key (key id "${keyId}"). Check API_KEY_ID and API_KEY_SECRET in the server's environment.`,
        retryable: false,
      },
      { upstreamStatus: 401 },
    ),
  rateLimited: (seconds: number) =>
    new UpstreamError(
      {
        status: 429,
        code: 'upstream_rate_limited',
        message: `perform.chat's rate limit for this API key is used up. Try again in ${seconds} seconds.`,
        retryable: true,
      },
      { retryAfterSeconds: seconds, upstreamStatus: 429 },
    ),
  cancelled: () =>
    new UpstreamError({
      status: 499,
      code: 'aborted',
      message: 'The request was cancelled before perform.chat answered.',
      retryable: false,
    }),
  timeout: (timeoutMs: number) =>
    new UpstreamError({
      status: 504,
      code: 'upstream_timeout',
      message: `perform.chat did not answer within ${timeoutMs} ms (UPSTREAM_TIMEOUT_MS). Try again in a moment.`,
      retryable: true,
    }),
  unreachable: (detail: string) =>
    new UpstreamError({
      status: 502,
      code: 'upstream_unreachable',
      message: `Could not reach perform.chat (${detail}). Check PERFORMCHAT_API_URL and the server's network, then try again.`,
      retryable: true,
    }),
  tooLarge: (maxBytes: number, upstreamStatus: number) =>
    new UpstreamError(
      {
        status: 502,
        code: upstreamTooLargeCode,
        message: `perform.chat sent a response larger than ${sizeText(maxBytes)}; the dashboard stops reading there.`,
        retryable: false,
      },
      { upstreamStatus },
    ),
  /** Any other HTTP status that is not a success. */
  status: (upstreamStatus: number, body: string) => {
    const fail = (status: number, code: string, message: string, retryable: boolean) =>
      new UpstreamError({ status, code, message, retryable }, { upstreamStatus })
    if (upstreamStatus >= 500) {
      const message = `perform.chat failed with HTTP ${upstreamStatus}. Try again in a moment.`
      return fail(502, 'upstream_error', message, true)
    }
    if (upstreamStatus === 404)
      return fail(404, 'not_found', 'perform.chat has no such record.', false)
    if (upstreamStatus === 400) {
      const message = `perform.chat refused the request: ${upstreamMessage(body)}`
      return fail(502, 'upstream_bad_request', message, false)
    }
    if (upstreamStatus >= 300 && upstreamStatus < 400) {
      const message = `perform.chat answered with a redirect (HTTP ${upstreamStatus}), which the server does not follow. Check PERFORMCHAT_API_URL.`
      return fail(502, 'upstream_redirect', message, false)
    }
    const message = `perform.chat answered with unexpected HTTP ${upstreamStatus}. Check PERFORMCHAT_API_URL.`
    return fail(502, 'upstream_error', message, false)
  },
  malformed: (upstreamStatus: number) =>
    new UpstreamError(
      {
        status: 502,
        code: 'upstream_malformed',
        message: 'perform.chat sent invalid JSON. Try again in a moment.',
        retryable: true,
      },
      { upstreamStatus },
    ),
  invalid: (upstreamStatus: number, issues: string) =>
    new UpstreamError(
      {
        status: 502,
        code: 'upstream_invalid',
        message: `perform.chat sent data in an unexpected shape (${issues}).`,
        retryable: false,
      },
      { upstreamStatus },
    ),
}

const sizeText = (bytes: number) =>
  bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${bytes} bytes`

const defaultRetryAfterSeconds = 60

/** Retry-After as seconds from `now`: delta-seconds or an HTTP date, 60 when absent. */
export function retryAfterSeconds(header: string | string[] | undefined, now: number): number {
  const value = Array.isArray(header) ? header[0] : header
  if (!value) return defaultRetryAfterSeconds
  if (/^\d+$/.test(value.trim())) return Number(value)
  const date = Date.parse(value)
  return Number.isNaN(date) ? defaultRetryAfterSeconds : Math.max(0, Math.ceil((date - now) / 1000))
}

function upstreamMessage(body: string): string {
  try {
    const parsed = UpstreamErrorSchema.safeParse(JSON.parse(body))
    const message = parsed.success ? parsed.data.message : undefined
    const text = Array.isArray(message) ? message.join('; ') : message
    return (text ?? 'no reason given').slice(0, 300)
  } catch {
    return 'no reason given'
  }
}
