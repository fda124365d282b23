// HTTP Basic auth for every page and /api route but the open ones (/api/health), when
// DASHBOARD_USER and DASHBOARD_PASSWORD are set. Both halves are compared as HMAC digests
// of a fixed length with crypto.timingSafeEqual, so neither the time taken nor an early
// exit tells a guesser how much of a value, or its length, was right. Wrong guesses are
// counted per client: past the limit every attempt from there gets a 429 for a while,
// right or wrong, so the answer cannot confirm a guess.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { errorBody } from '../errors.ts'
import { createWindowCounter } from './window-counter.ts'

export const challenge = 'Basic realm="perform.chat dashboard", charset="UTF-8"'

/** Wrong passwords one client may send per minute before it must wait. */
export const maxFailuresPerMinute = 20

export type BasicAuthOptions = {
  user: string
  password: string
  isOpen: (path: string) => boolean
  clientKey: (c: Context) => string
  now: () => number
}

/** Decodes `Authorization: Basic …` as UTF-8; undefined when absent or malformed. */
export function readBasicCredentials(header: string | undefined) {
  const encoded = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header ?? '')?.[1]
  if (encoded === undefined) return undefined
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon === -1) return undefined
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

export function basicAuth(options: BasicAuthOptions): MiddlewareHandler {
  // A per-process key: digests of the expected values are worthless outside this process.
  const key = randomBytes(32)
  const digest = (value: string) => createHmac('sha256', key).update(value, 'utf8').digest()
  const expectedUser = digest(options.user)
  const expectedPassword = digest(options.password)
  const failures = createWindowCounter({
    limit: maxFailuresPerMinute,
    windowMs: 60_000,
    maxKeys: 10_000,
    now: options.now,
  })

  const matches = (given: { user: string; password: string }) => {
    const userOk = timingSafeEqual(digest(given.user), expectedUser)
    const passwordOk = timingSafeEqual(digest(given.password), expectedPassword)
    return userOk && passwordOk
  }

  return async (c, next) => {
    if (options.isOpen(c.req.path)) return next()
    const header = c.req.header('Authorization')
    const client = options.clientKey(c)
    if (header !== undefined) {
      const waitMs = failures.waitMs(client)
      if (waitMs > 0) return tooManyFailures(c, Math.max(1, Math.ceil(waitMs / 1000)))
    }
    const given = readBasicCredentials(header)
    if (given && matches(given)) return next()
    if (header !== undefined) failures.hit(client)
    return unauthorized(c)
  }
}

const isApi = (c: Context) => c.req.path === '/api' || c.req.path.startsWith('/api/')

function unauthorized(c: Context) {
  c.header('WWW-Authenticate', challenge)
  c.header('Cache-Control', 'no-store')
  if (isApi(c)) {
    const message =
      'Sign in to the dashboard: reload the page and enter the user name and password ' +
      'its operator set (DASHBOARD_USER, DASHBOARD_PASSWORD).'
    return c.json(errorBody('unauthorized', message), 401)
  }
  return c.text('This dashboard needs a user name and password. Reload the page to sign in.', 401)
}

function tooManyFailures(c: Context, seconds: number) {
  c.header('Retry-After', String(seconds))
  c.header('Cache-Control', 'no-store')
  const message = `Too many wrong passwords from this address. Try again in ${seconds} seconds.`
  return isApi(c) ? c.json(errorBody('too_many_failed_logins', message), 429) : c.text(message, 429)
}
