// The server's settings: the environment first, then .env.local, then .env (the first
// that sets a variable wins), each checked with a message an operator can act on.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import * as z from 'zod/mini'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type ApiKey = { readonly id: string; readonly secret: string }

export type Config = {
  apiKey: ApiKey | null
  upstreamUrl: string
  /** Where the mirror lives: `file:PATH` (SQLite) or `postgres://…`. */
  databaseUrl: string
  /** PostgreSQL: the most connections this replica's store pool opens. */
  databasePoolMax: number
  /** A `total` above this is an upstream error, not 10,000s of pages of work. */
  upstreamMaxTotal: number
  port: number
  host: string
  basicAuth: { user: string; password: string } | null
  allowUnauthenticated: boolean
  upstreamRatePerMinute: number
  upstreamInteractiveShare: number
  crawlConcurrency: number
  snapshotTtlSeconds: number
  upstreamTimeoutMs: number
  apiRatePerMinute: number
  /** Reverse proxies in front that append to X-Forwarded-For; 0 trusts the socket alone. */
  trustProxyHops: number
  logLevel: LogLevel
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** The secret is not enumerable, so logging or serialising a config cannot print it. */
export function makeApiKey(id: string, secret: string): ApiKey {
  const key = { id }
  Object.defineProperty(key, 'secret', { value: secret, enumerable: false })
  return key as ApiKey
}

const defaults: Record<string, string> = {
  PERFORMCHAT_API_URL: 'https://api.perform.chat/rest/v1',
  DATABASE_URL: 'file:data/dashboard.sqlite',
  DATABASE_POOL_MAX: '10',
  UPSTREAM_MAX_TOTAL: '5000000',
  PORT: '4173',
  HOST: '127.0.0.1',
  UPSTREAM_RATE_PER_MINUTE: '900',
  UPSTREAM_INTERACTIVE_SHARE: '0.2',
  CRAWL_CONCURRENCY: '32',
  SNAPSHOT_TTL_SECONDS: '60',
  UPSTREAM_TIMEOUT_MS: '10000',
  API_RATE_PER_MINUTE: '600',
  TRUST_PROXY_HOPS: '0',
  LOG_LEVEL: 'info',
}

function integer(name: string, min: number, max: number) {
  const error = `${name} must be an integer between ${min} and ${max}`
  return z.coerce
    .number({ error })
    .check(z.int({ error }), z.minimum(min, { error }), z.maximum(max, { error }))
}

const httpUrl = (value: string) => /^https?:\/\/[^/\s]+/.test(value) && URL.canParse(value)

const EnvSchema = z.object({
  PERFORMCHAT_API_URL: z.string().check(
    z.refine(httpUrl, {
      error: 'PERFORMCHAT_API_URL must be an http(s) URL such as https://api.perform.chat/rest/v1',
    }),
  ),
  DATABASE_URL: z.string().check(
    z.refine((value) => /^(?:file:.+|postgres(?:ql)?:\/\/.+)$/.test(value), {
      error:
        'DATABASE_URL must be file:PATH (an SQLite file) or postgres://user:password@host/database',
    }),
  ),
  UPSTREAM_MAX_TOTAL: integer('UPSTREAM_MAX_TOTAL', 1, 100_000_000),
  PORT: integer('PORT', 0, 65535),
  HOST: z.string().check(z.minLength(1, { error: 'HOST must not be empty' })),
  UPSTREAM_RATE_PER_MINUTE: integer('UPSTREAM_RATE_PER_MINUTE', 1, 1000),
  UPSTREAM_INTERACTIVE_SHARE: z.coerce
    .number()
    .check(
      z.minimum(0, { error: 'UPSTREAM_INTERACTIVE_SHARE must be a number from 0 to 0.9' }),
      z.maximum(0.9, { error: 'UPSTREAM_INTERACTIVE_SHARE must be a number from 0 to 0.9' }),
    ),
  CRAWL_CONCURRENCY: integer('CRAWL_CONCURRENCY', 1, 64),
  DATABASE_POOL_MAX: integer('DATABASE_POOL_MAX', 1, 1000),
  SNAPSHOT_TTL_SECONDS: integer('SNAPSHOT_TTL_SECONDS', 1, 86_400),
  UPSTREAM_TIMEOUT_MS: integer('UPSTREAM_TIMEOUT_MS', 1, 600_000),
  API_RATE_PER_MINUTE: integer('API_RATE_PER_MINUTE', 1, 1_000_000),
  TRUST_PROXY_HOPS: integer('TRUST_PROXY_HOPS', 0, 10),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error'], {
    error: 'LOG_LEVEL must be one of debug, info, warn, error',
  }),
})

function readEnvFile(path: string): Record<string, string | undefined> {
  try {
    return parseEnv(readFileSync(path, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw new ConfigError(`Could not read ${path}: ${(error as Error).message}`)
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const sources = [env, readEnvFile(join(cwd, '.env.local')), readEnvFile(join(cwd, '.env'))]
  const read = (name: string): string | undefined =>
    sources
      .map((source) => source[name])
      .find((value) => value !== undefined && value.trim() !== '')
  const raw = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((name) => [name, read(name) ?? defaults[name]]),
  )
  const parsed = EnvSchema.safeParse(raw)
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)
  const user = read('DASHBOARD_USER')
  const password = read('DASHBOARD_PASSWORD')
  if ((user === undefined) !== (password === undefined)) {
    problems.push('DASHBOARD_USER and DASHBOARD_PASSWORD must be set together')
  }
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid server configuration:\n- ${[...new Set(problems)].join('\n- ')}`)
  }
  const values = parsed.data
  const keyId = read('API_KEY_ID')
  const keySecret = read('API_KEY_SECRET')
  return {
    apiKey: keyId && keySecret ? makeApiKey(keyId, keySecret) : null,
    upstreamUrl: values.PERFORMCHAT_API_URL.replace(/\/+$/, ''),
    databaseUrl: values.DATABASE_URL,
    databasePoolMax: values.DATABASE_POOL_MAX,
    upstreamMaxTotal: values.UPSTREAM_MAX_TOTAL,
    port: values.PORT,
    host: values.HOST,
    basicAuth: user && password ? { user, password } : null,
    allowUnauthenticated: read('ALLOW_UNAUTHENTICATED') === '1',
    upstreamRatePerMinute: values.UPSTREAM_RATE_PER_MINUTE,
    upstreamInteractiveShare: values.UPSTREAM_INTERACTIVE_SHARE,
    crawlConcurrency: values.CRAWL_CONCURRENCY,
    snapshotTtlSeconds: values.SNAPSHOT_TTL_SECONDS,
    upstreamTimeoutMs: values.UPSTREAM_TIMEOUT_MS,
    apiRatePerMinute: values.API_RATE_PER_MINUTE,
    trustProxyHops: values.TRUST_PROXY_HOPS,
    logLevel: values.LOG_LEVEL,
  }
}
