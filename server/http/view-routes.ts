// GET/POST/PATCH/DELETE /api/views: the team's saved views, kept in the mirror's store
// and shared by everyone using this server. Bodies are small JSON checked with zod (over
// 4 kB is refused); names are unique case-insensitively, so two people saving "VIP" at
// once get one view and one clear 409.
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import * as z from 'zod/mini'
import {
  describeIssues,
  NewViewSchema,
  ViewPatchSchema,
  ViewQuerySchema,
  type View,
} from '../../src/lib/contract.ts'
import { ApiFailure, errorBody } from '../errors.ts'
import type { Store, StoredView } from '../store/store.ts'
import { StoreError } from '../store/store-error.ts'
import type { ViewCounts } from './view-counts.ts'

const maxBodyBytes = 4096

async function readBody<T>(c: Context, schema: z.ZodMiniType<T>): Promise<T> {
  let json: unknown
  try {
    json = await c.req.json()
  } catch {
    throw new ApiFailure(400, 'invalid_body', 'The request body must be JSON.')
  }
  const parsed = schema.safeParse(json)
  if (parsed.success) return parsed.data
  const names = parsed.error.issues.some((issue) => issue.path[0] === 'name')
  throw new ApiFailure(
    400,
    'invalid_view',
    names
      ? 'A view needs a name of 1 to 80 characters.'
      : `The view is not valid: ${describeIssues(parsed.error)}.`,
  )
}

const taken = (name: string) =>
  new ApiFailure(409, 'name_taken', `A view named "${name}" already exists; choose another name.`)

export function viewRoutes(deps: { store: Store; counts: ViewCounts; onChange: () => void }): Hono {
  const { store, counts } = deps
  const routes = new Hono()

  const present = (view: StoredView): View => {
    const query = ViewQuerySchema.safeParse(view.query)
    return {
      ...view,
      query: query.success ? query.data : {},
      count: counts.cached(view),
    }
  }

  routes.use(
    '/views/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        c.json(
          errorBody('body_too_large', `A view is at most ${maxBodyBytes} bytes of JSON.`),
          413,
        ),
    }),
  )
  routes.use(
    '/views',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        c.json(
          errorBody('body_too_large', `A view is at most ${maxBodyBytes} bytes of JSON.`),
          413,
        ),
    }),
  )

  routes.get('/views', async (c) => {
    const views = await store.listViews()
    await counts.refresh(views)
    return c.json({ data: views.map(present) })
  })

  routes.post('/views', async (c) => {
    const body = await readBody(c, NewViewSchema)
    try {
      const view = await store.createView(body)
      deps.onChange()
      await counts.refresh([view])
      return c.json(present(view), 201)
    } catch (error) {
      if (error instanceof StoreError && error.code === 'conflict') throw taken(body.name)
      throw error
    }
  })

  routes.patch('/views/:id', async (c) => {
    const body = await readBody(c, ViewPatchSchema)
    try {
      const view = await store.renameView(c.req.param('id'), body.name)
      if (!view)
        throw new ApiFailure(404, 'not_found', 'There is no such view; it may have been deleted.')
      deps.onChange()
      return c.json(present(view))
    } catch (error) {
      if (error instanceof StoreError && error.code === 'conflict') throw taken(body.name)
      throw error
    }
  })

  routes.delete('/views/:id', async (c) => {
    if (!(await store.deleteView(c.req.param('id')))) {
      throw new ApiFailure(404, 'not_found', 'There is no such view; it may have been deleted.')
    }
    deps.onChange()
    return c.body(null, 204)
  })

  return routes
}
