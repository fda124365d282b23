// Serves the built browser app from dist/client and nothing else: not the server
// bundle, not source maps. Unknown page paths get index.html so deep links such as
// /conversations/conv_1 load the app, which routes them itself.
// The files are read into memory once, with the .br and .gz copies the build wrote beside
// them (vite-precompress.ts), and each answer is written whole in the turn that asked for
// it. Streamed from disk, a script took several turns of the event loop, and on a fresh
// server each turn waited behind the first sync's work: the app's main script took 0.4 s
// to arrive while the mirror filled (bench:crawl).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Context, Hono } from 'hono'
import { chooseEncoding } from './compression.ts'

/** dist/server/index.js → dist/client; server/static.ts (run from source) → dist/client. */
export function clientDirectory(moduleUrl: string = import.meta.url): string {
  const beside = fileURLToPath(new URL('../client/', moduleUrl))
  return existsSync(join(beside, 'index.html'))
    ? beside
    : fileURLToPath(new URL('../dist/client/', moduleUrl))
}

type Bytes = Uint8Array<ArrayBuffer>
type ClientFile = { type: string; cacheControl: string; plain: Bytes; br?: Bytes; gzip?: Bytes }

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
}

/**
 * Hashed assets for a year; the page itself (index.html, every fallback to it) revalidated
 * on every load; the files of public/ (the icon) for a day: they keep their names across
 * builds, and Chromium asks for the tab's icon again whenever the address changes, which
 * the page's own address does at every search and every page turn.
 */
const cacheControl = (url: string) =>
  url.startsWith('/assets/')
    ? 'public, max-age=31536000, immutable'
    : url === '/index.html'
      ? 'no-cache'
      : 'public, max-age=86400'
const looksLikeFile = /\/[^/]+\.[A-Za-z0-9]+$/
const compressedCopy = /\.(?:br|gz)$/

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : []
  })
}

const read = (path: string): Bytes => new Uint8Array(readFileSync(path))
const readIfThere = (path: string) => (existsSync(path) ? read(path) : undefined)

/** Every servable file of the build by URL path; empty until the app is built. */
function readClient(root: string): Map<string, ClientFile> {
  const files = new Map<string, ClientFile>()
  if (!existsSync(join(root, 'index.html'))) return files
  for (const path of filesUnder(root)) {
    if (compressedCopy.test(path) || path.endsWith('.map')) continue
    const url = `/${relative(root, path).split(sep).join('/')}`
    const br = readIfThere(`${path}.br`)
    const gzip = readIfThere(`${path}.gz`)
    files.set(url, {
      type: types[extname(path).toLowerCase()] ?? 'application/octet-stream',
      cacheControl: cacheControl(url),
      plain: read(path),
      ...(br ? { br } : {}),
      ...(gzip ? { gzip } : {}),
    })
  }
  return files
}

function send(c: Context, file: ClientFile) {
  const headers: Record<string, string> = {
    'Content-Type': file.type,
    'Cache-Control': file.cacheControl,
  }
  if (file.br || file.gzip) headers.Vary = 'Accept-Encoding'
  const encoding = chooseEncoding(c.req.header('Accept-Encoding'))
  const body = encoding === 'br' ? file.br : encoding === 'gzip' ? file.gzip : undefined
  if (body && encoding) headers['Content-Encoding'] = encoding
  return c.body(body ?? file.plain, 200, headers)
}

export function serveClient(app: Hono, root: string): void {
  let files = readClient(root)
  /** The build, read again while there is none yet: `npm run build` may come after the start. */
  const built = () => {
    if (!files.has('/index.html')) files = readClient(root)
    return files
  }

  app.get('*', (c) => {
    const served = built()
    const file = served.get(c.req.path)
    if (file) return send(c, file)
    if (looksLikeFile.test(c.req.path)) return c.text('Not found', 404)
    const index = served.get('/index.html')
    if (!index)
      return c.text('The dashboard is not built yet: run `npm run build`, then `npm start`.', 503)
    return send(c, index)
  })
}
