import type * as z from 'zod/mini'
import { ApiRequestError, errorFromResponse, unreachableError } from './api-error.ts'
import { describeIssues } from './contract.ts'

type Method = 'POST' | 'PATCH' | 'DELETE'

/**
 * Sends a change to one of our own `/api` routes (a JSON body, if any) and validates the
 * answer with `schema`; an answer without a body (204) resolves to undefined. A refusal
 * throws an ApiRequestError carrying the server's code and message (`name_taken`).
 */
export async function sendJson<T>(
  method: Method,
  path: string,
  body: unknown,
  schema: z.ZodMiniType<T>,
): Promise<T | undefined> {
  let response: Response
  try {
    response = await fetch(new URL(path, window.location.origin), {
      method,
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (error) {
    if (error instanceof TypeError) throw unreachableError(path)
    throw error
  }
  if (!response.ok) throw await errorFromResponse(response, path)
  if (response.status === 204) return undefined
  const parsed = schema.safeParse(await response.json().catch(() => undefined))
  if (!parsed.success) {
    throw new ApiRequestError(
      'invalid_response',
      `The dashboard server sent an unexpected answer to ${path} (${describeIssues(parsed.error)}).`,
      response.status,
    )
  }
  return parsed.data
}
