// perform.chat's documented rules, played faithfully: the key travels in the JSON body,
// 10 failed authentications in 5 minutes lock the caller out, a key may make 1000
// requests in any 60 seconds, and page/limit are validated with NestJS-style messages.
import { HttpResponse } from 'msw'

const authWindowMs = 5 * 60_000
const maxAuthFailures = 10
const rateWindowMs = 60_000
const documentedRatePerMinute = 1000

export type UpstreamRules = {
  /** An error response when the request may not proceed, else undefined (and it counts). */
  admit: (body: unknown) => Response | undefined
  reset: () => void
}

export function upstreamError(status: number, message: string | string[], error: string) {
  return HttpResponse.json({ statusCode: status, message, error }, { status })
}

function tooManyRequests(retryAfterMs: number) {
  const response = upstreamError(429, 'ThrottlerException: Too Many Requests', 'Too Many Requests')
  response.headers.set('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))))
  return response
}

function credentialsOf(body: unknown): { keyId?: unknown; keySecret?: unknown } {
  return typeof body === 'object' && body !== null ? body : {}
}

export function createUpstreamRules(options: {
  keyId: string
  keySecret: string
  now: () => number
  /** Benchmarks raise it so the mock's limit is not what they measure. */
  ratePerMinute?: number
}): UpstreamRules {
  const maxRequests = options.ratePerMinute ?? documentedRatePerMinute
  let failures: number[] = []
  let requests: number[] = []
  return {
    admit(body) {
      const now = options.now()
      failures = failures.filter((at) => at > now - authWindowMs)
      const oldestFailure = failures[0]
      if (oldestFailure !== undefined && failures.length >= maxAuthFailures) {
        return tooManyRequests(oldestFailure + authWindowMs - now)
      }
      const { keyId, keySecret } = credentialsOf(body)
      if (keyId !== options.keyId || keySecret !== options.keySecret) {
        failures.push(now)
        return upstreamError(401, 'Invalid API credentials', 'Unauthorized')
      }
      if (requests.length >= maxRequests)
        requests = requests.filter((at) => at > now - rateWindowMs)
      const oldest = requests[0]
      if (oldest !== undefined && requests.length >= maxRequests) {
        return tooManyRequests(oldest + rateWindowMs - now)
      }
      requests.push(now)
      return undefined
    },
    reset() {
      failures = []
      requests = []
    },
  }
}

export type Paging = { page: number; limit: number }

/** Reads page/limit the way the real API does: integers, page ≥ 1, 1 ≤ limit ≤ 100. */
export function parsePaging(url: URL, defaultLimit: number): Paging | Response {
  const problems: string[] = []
  const read = (name: 'page' | 'limit', fallback: number) => {
    const raw = url.searchParams.get(name)
    if (raw === null) return fallback
    if (!/^-?\d+$/.test(raw.trim())) {
      problems.push(`${name} must be an integer number`)
      return fallback
    }
    const value = Number(raw)
    if (value < 1) problems.push(`${name} must not be less than 1`)
    if (name === 'limit' && value > 100) problems.push('limit must not be greater than 100')
    return value
  }
  const paging = { page: read('page', 1), limit: read('limit', defaultLimit) }
  return problems.length > 0 ? upstreamError(400, problems, 'Bad Request') : paging
}

export function paginate<T>(items: readonly T[], { page, limit }: Paging) {
  const start = (page - 1) * limit
  return {
    data: items.slice(start, start + limit),
    pagination: { page, limit, total: items.length, total_pages: Math.ceil(items.length / limit) },
  }
}
