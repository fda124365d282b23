import * as z from 'zod/mini'
import { ApiRequestError } from '../../lib/api-error.ts'
import { ViewSchema, type ViewQuery } from '../../lib/contract.ts'
import { sendJson } from '../../lib/send-api.ts'

const path = (id: string) => `/api/views/${encodeURIComponent(id)}`

/** POST /api/views: a 409 (`name_taken`) or 400 carries a message for the dialog. */
export const createView = (name: string, query: ViewQuery) =>
  sendJson('POST', '/api/views', { name, query }, ViewSchema)

/** PATCH /api/views/:id */
export const renameView = (id: string, name: string) =>
  sendJson('PATCH', path(id), { name }, ViewSchema)

/** DELETE /api/views/:id: one someone else deleted already is gone all the same. */
export async function deleteView(id: string): Promise<void> {
  try {
    await sendJson('DELETE', path(id), undefined, z.unknown())
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return
    throw error
  }
}
