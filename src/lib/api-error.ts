import { ApiErrorSchema } from './contract.ts'

/** A failed `/api` call, carrying the server's own explanation for the person at the screen. */
export class ApiRequestError extends Error {
  readonly status: number | undefined
  readonly code: string
  /** From `Retry-After` on a 429: how long the server asks us to wait. */
  readonly retryAfterSeconds: number | undefined

  constructor(code: string, message: string, status?: number, retryAfterSeconds?: number) {
    super(message)
    this.name = 'ApiRequestError'
    this.code = code
    this.status = status
    this.retryAfterSeconds = retryAfterSeconds
  }
}

function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after')
  const seconds = header === null ? Number.NaN : Number(header)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined
}

/** Turns a non-2xx answer of our server into an error whose message a support person can act on. */
export async function errorFromResponse(
  response: Response,
  path: string,
): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => undefined)
  const wait = retryAfter(response)
  const parsed = ApiErrorSchema.safeParse(body)
  if (parsed.success) {
    const { code, message } = parsed.data.error
    return new ApiRequestError(code, message, response.status, wait)
  }
  const hint = wait === undefined ? '' : ` Try again in ${wait} s.`
  return new ApiRequestError(
    'http_error',
    `The dashboard server answered ${path} with HTTP ${response.status} and no explanation.${hint}`,
    response.status,
    wait,
  )
}

/** `fetch` rejects with a TypeError when the server cannot be reached at all. */
export function unreachableError(path: string): ApiRequestError {
  return new ApiRequestError(
    'unreachable',
    `Could not reach the dashboard server for ${path}. Check that it is running and your connection works.`,
  )
}
