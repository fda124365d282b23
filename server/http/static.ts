// Serves the built browser app from dist/client and nothing else: not the server
// bundle, not source maps. Unknown page paths get index.html so deep links such as
// /conversations/conv_1 load the app, which routes them itself.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Context, Hono } from 'hono'

/** dist/server/index.js → dist/client; server/static.ts (run from source) → dist/client. */
export function clientDirectory(moduleUrl: string = import.meta.url): string {
  const beside = fileURLToPath(new URL('../client/', moduleUrl))
  return existsSync(join(beside, 'index.html'))
    ? beside
    : fileURLToPath(new URL('../dist/client/', moduleUrl))
}

const hashedAsset = /^\/assets\//
const looksLikeFile = /\/[^/]+\.[A-Za-z0-9]+$/

export function serveClient(app: Hono, root: string): void {
  let indexHtml: Promise<string> | undefined
  const sendIndex = async (c: Context) => {
    indexHtml ??= readFile(join(root, 'index.html'), 'utf8')
    const html = await indexHtml.catch(() => {
      indexHtml = undefined
      return null
    })
    if (html === null) {
      return c.text('The dashboard is not built yet: run `npm run build`, then `npm start`.', 503)
    }
    return c.html(html)
  }

  app.get('*', async (c, next) => {
    if (c.req.path.endsWith('.map')) return c.text('Not found', 404)
    await next()
    if (c.res.status === 200 && !c.res.headers.has('Cache-Control')) {
      const immutable = hashedAsset.test(c.req.path)
      c.res.headers.set(
        'Cache-Control',
        immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    }
  })
  // The build wrote a .br and a .gz beside each script and stylesheet (vite-precompress.ts):
  // those go out as they are, and compression.ts leaves an encoded answer alone.
  app.get('*', serveStatic({ root, precompressed: true }))
  app.get('*', (c) => (looksLikeFile.test(c.req.path) ? c.text('Not found', 404) : sendIndex(c)))
}
