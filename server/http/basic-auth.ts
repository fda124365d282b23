// HTTP Basic auth for every page and /api route but the open ones (/api/health), when
// DASHBOARD_USER and DASHBOARD_PASSWORD are set. Both halves are compared as HMAC digests
// of a fixed length with crypto.timingSafeEqual, so neither the time taken nor an early
// exit tells a guesser how much of a value, or its length, was right.
// The right user and password always pass, at once: no count of wrong ones, from this
// address or anywhere, can lock a person out (behind an office NAT one colleague's typos,
// or one attacker, would otherwise lock out the whole team). Wrong ones are slowed
// instead (login-throttle.ts): past a few, each 401 is held back for a delay that grows
// per address and per user name tried. A held 401 rather than an immediate 429 makes a
// guesser that waits for its answers wait, and lets a browser prompt again afterwards.
// Held answers are capped: past `maxHeldAnswers` at once, a wrong password gets a 429
// with Retry-After at once, so a flood cannot pile up waiting requests. What this cannot
// do: since the right password is answered at once, a guesser that does not wait for
// its answers learns a guess was wrong by the missing 200; against one with many
// connections the defence is a long random DASHBOARD_PASSWORD.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import type { Clock } from '../clock.ts'
import { errorBody } from '../errors.ts'
import { createLoginThrottle } from './login-throttle.ts'

export const challenge = 'Basic realm="perform.chat dashboard", charset="UTF-8"'

export type BasicAuthOptions = {
  user: string
  password: string
  isOpen: (path: string) => boolean
  clientKey: (c: Context) => string
  clock: Pick<Clock, 'now' | 'sleep'>
  /** Wrong-password answers held back at once, over every client; 1,000 unless set. */
  maxHeldAnswers?: number
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
  const throttle = createLoginThrottle({ now: options.clock.now })
  const maxHeld = options.maxHeldAnswers ?? 1_000
  let held = 0

  const matches = (given: { user: string; password: string }) => {
    const userOk = timingSafeEqual(digest(given.user), expectedUser)
    const passwordOk = timingSafeEqual(digest(given.password), expectedPassword)
    return userOk && passwordOk
  }

  return async (c, next) => {
    if (options.isOpen(c.req.path)) return next()
    const header = c.req.header('Authorization')
    const given = readBasicCredentials(header)
    if (given && matches(given)) return next()
    // A browser's first request carries no credentials: that is no guess.
    if (header === undefined) return unauthorized(c)
    // User names are kept as digests: fixed size, and no one's typed text in memory.
    const user = given && digest(given.user).toString('base64url')
    const delayMs = throttle.fail(options.clientKey(c), user)
    if (delayMs === 0) return unauthorized(c)
    if (held >= maxHeld) return tooManyFailures(c, Math.max(1, Math.ceil(delayMs / 1000)))
    held++
    try {
      // A client that hangs up frees its place at once.
      await options.clock.sleep(delayMs, c.req.raw.signal)
    } catch {
      // Hung up: the answer below goes nowhere, which is fine.
    } finally {
      held--
    }
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
  const message = `Too many wrong passwords are being tried. Try again in ${seconds} seconds.`
  return isApi(c) ? c.json(errorBody('too_many_failed_logins', message), 429) : c.text(message, 429)
}
