// Paths with empty segments ("//api//conversations") mean nothing in this app, yet would
// fall through to the page fallback and answer 200 with index.html, and a proxy or cache
// in front may read them differently from us. They get a plain 404 before anything else
// looks at them (dot segments are already resolved by the URL parser).
import type { MiddlewareHandler } from 'hono'
import { errorBody } from '../errors.ts'

export function rejectAmbiguousPaths(): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path
    if (!path.includes('//')) return next()
    if (/^\/+api(?:\/|$)/.test(path)) {
      return c.json(errorBody('not_found', 'There is no API route at this path.'), 404)
    }
    return c.text('Not found', 404)
  }
}
