import type * as z from 'zod/mini'
import { describeIssues } from './contract.ts'
import { ApiRequestError, errorFromResponse, unreachableError } from './api-error.ts'

/**
 * GETs one of our own `/api` routes and validates the body. The URL is made absolute
 * because `fetch` outside a browser (tests) has no page to resolve `/api/...` against.
 */
export async function getJson<T>(
  path: string,
  schema: z.ZodMiniType<T>,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response
  try {
    response = await fetch(new URL(path, window.location.origin), {
      headers: { accept: 'application/json' },
      signal,
    })
  } catch (error) {
    if (error instanceof TypeError) throw unreachableError(path)
    throw error
  }
  if (!response.ok) throw await errorFromResponse(response, path)
  const body: unknown = await response.json().catch(() => undefined)
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    throw new ApiRequestError(
      'invalid_response',
      `The dashboard server sent an unexpected answer to ${path} (${describeIssues(parsed.error)}).`,
      response.status,
    )
  }
  return parsed.data
}
