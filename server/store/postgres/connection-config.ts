// DATABASE_URL (postgres://…) → the pool's client options, with `sslmode` meaning what it
// means to libpq and psql, not what pg 8 makes of it (there every mode but disable verifies
// the certificate and host name). libpq's default is `prefer`: TLS when the server offers
// it, unverified. The URL's password is kept apart so no message can repeat it.
import type { ConnectionOptions } from 'node:tls'
import { parse } from 'pg-connection-string'
import type pg from 'pg'
import { StoreError } from '../store-error.ts'

/** TLS of one connection attempt: none, or Node's TLS options. */
export type Tls = false | ConnectionOptions

export type ConnectionConfig = {
  /** Everything a client needs but `ssl`. */
  client: pg.ClientConfig
  /** TLS settings to try in order; the first the server accepts is kept (libpq's allow, prefer). */
  attempts: readonly Tls[]
  /** Host, port and database, for messages: never the user or the password. */
  where: string
  /** Never shown: messages are checked not to contain it. */
  password: string
}

const MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const
type SslMode = (typeof MODES)[number]
const isMode = (value: string): value is SslMode => (MODES as readonly string[]).includes(value)

const invalid = (message: string) => new StoreError('unsupported_url', `DATABASE_URL: ${message}`)

/** Chain checked against the root certificate, host name not (libpq's verify-ca). */
const skipHostName = (): undefined => undefined

function tlsAttempts(mode: SslMode, files: ConnectionOptions, socket: boolean): Tls[] {
  const unverified = { ...files, rejectUnauthorized: false }
  if (socket) return [false]
  switch (mode) {
    case 'disable':
      return [false]
    case 'allow':
      return [false, unverified]
    case 'prefer':
      return [unverified, false]
    case 'require':
      // As in libpq: with a root certificate given, require checks the chain (verify-ca).
      return [files.ca ? { ...files, checkServerIdentity: skipHostName } : unverified]
    case 'verify-ca':
      if (!files.ca) throw invalid('sslmode=verify-ca needs sslrootcert (the CA to check against).')
      return [{ ...files, checkServerIdentity: skipHostName }]
    case 'verify-full':
      return [files]
  }
}

function tlsFiles(ssl: unknown, passphrase: string | null): ConnectionOptions {
  const files: ConnectionOptions = {}
  if (typeof ssl === 'object' && ssl !== null) {
    for (const key of ['ca', 'cert', 'key'] as const) {
      const value: unknown = (ssl as Record<string, unknown>)[key]
      if (typeof value === 'string') files[key] = value
    }
  }
  if (passphrase) files.passphrase = passphrase
  return files
}

// Read and applied here; pg's parser would warn about, or misread, them.
const OURS = ['sslmode', 'uselibpqcompat', 'sslpassword']

function parseUrl(url: string): { params: URLSearchParams; config: ReturnType<typeof parse> } {
  const at = url.indexOf('?')
  const params = new URLSearchParams(at < 0 ? '' : url.slice(at + 1))
  const kept = new URLSearchParams(params)
  for (const key of OURS) kept.delete(key)
  // libpq's sslrootcert=system: the system's CAs, which Node uses when given none.
  if (kept.get('sslrootcert') === 'system') kept.delete('sslrootcert')
  const base = at < 0 ? url : url.slice(0, at)
  try {
    return { params, config: parse(kept.size > 0 ? `${base}?${kept.toString()}` : base) }
  } catch (error) {
    if (error instanceof Error && 'path' in error) {
      const code = 'code' in error ? ` (${String(error.code)})` : ''
      throw invalid(
        `a certificate file it names (sslrootcert, sslcert, sslkey) cannot be read${code}.`,
      )
    }
    // The value is not repeated: it holds a password.
    throw invalid(
      'not a valid postgres:// URL (percent-encode special characters in the password).',
    )
  }
}

export function connectionConfig(url: string): ConnectionConfig {
  const { params, config } = parseUrl(url)
  const system = params.get('sslrootcert') === 'system'
  const mode = params.get('sslmode') ?? (system ? 'verify-full' : 'prefer')
  if (!isMode(mode)) throw invalid(`sslmode must be one of ${MODES.join(', ')}.`)
  if (system && mode !== 'verify-full') {
    throw invalid('sslrootcert=system needs sslmode=verify-full (as in libpq).')
  }
  const host = config.host ?? 'localhost'
  const port = config.port ? Number(config.port) : 5432
  const timeout = Number(params.get('connect_timeout'))
  const client: pg.ClientConfig = {
    host,
    port,
    user: config.user || undefined,
    password: config.password || undefined,
    database: config.database ?? undefined,
    options: typeof config.options === 'string' ? config.options : undefined,
    application_name: config.application_name,
    fallback_application_name: 'perform-chat-dashboard',
    // libpq's connect_timeout is in seconds; 10 s otherwise.
    connectionTimeoutMillis: timeout > 0 ? timeout * 1000 : 10_000,
    keepAlive: true,
  }
  const files = tlsFiles(config.ssl, params.get('sslpassword'))
  return {
    client,
    attempts: tlsAttempts(mode, files, host.startsWith('/')),
    where: `${host.startsWith('/') ? host : `${host}:${port}`}, database ${config.database ?? '(default)'}`,
    password: config.password ?? '',
  }
}
