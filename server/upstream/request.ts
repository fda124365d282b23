// One GET with a JSON body over node:http(s). Node's fetch refuses a body on GET, and
// without an explicit Content-Length the body would be silently dropped.
// A body over the size limit is not a network failure: the upstream answered, just too
// much. It fails as its own UpstreamError (upstream_too_large, not retryable), which the
// client passes through as it is, rather than as a RequestFailure it would report as
// "unreachable".
import http, { type IncomingHttpHeaders } from 'node:http'
import https from 'node:https'
import { upstreamErrors, type UpstreamError } from './errors.ts'

export type RawResponse = { status: number; headers: IncomingHttpHeaders; body: string }

export type RequestFailureKind = 'timeout' | 'unreachable' | 'aborted'

export class RequestFailure extends Error {
  readonly kind: RequestFailureKind
  readonly detail: string

  constructor(kind: RequestFailureKind, detail: string) {
    super(`${kind}: ${detail}`)
    this.name = 'RequestFailure'
    this.kind = kind
    this.detail = detail
  }
}

export const maxBodyBytes = 64 * 2 ** 20
/**
 * The sync's calls and a person's have connection pools of their own: the list crawl and
 * the message sync may each hold CRAWL_CONCURRENCY (up to 64) sockets, and a transcript
 * opened meanwhile must not queue for one of theirs, for as long as perform.chat hangs.
 */
export type Pool = 'interactive' | 'sync'
const pool = () => ({
  http: new http.Agent({ keepAlive: true, maxSockets: 128 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 128 }),
})
const agents: Record<Pool, ReturnType<typeof pool>> = { interactive: pool(), sync: pool() }

type SendOptions = {
  timeoutMs: number
  signal?: AbortSignal
  maxBodyBytes?: number
  /** Which connection pool: a person's calls never wait for the sync's sockets. */
  pool?: Pool
}

export async function sendJsonGet(url: URL, payload: string, options: SendOptions) {
  try {
    return await attempt(url, payload, options)
  } catch (error) {
    // A kept-alive socket the server closed in the meantime fails on reuse; Node's
    // documentation recommends retrying exactly this case once.
    if (error instanceof StaleSocket) return attempt(url, payload, options)
    throw error
  }
}

class StaleSocket extends Error {}

function attempt(url: URL, payload: string, options: SendOptions) {
  const { timeoutMs, signal } = options
  const limit = options.maxBodyBytes ?? maxBodyBytes
  return new Promise<RawResponse>((resolve, reject) => {
    if (signal?.aborted) return reject(new RequestFailure('aborted', 'cancelled by the caller'))
    const isHttps = url.protocol === 'https:'
    const agent = agents[options.pool ?? 'interactive']
    const request = (isHttps ? https : http).request(url, {
      method: 'GET',
      agent: isHttps ? agent.https : agent.http,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(payload),
      },
    })
    let failure: RequestFailure | UpstreamError | undefined
    const timer = setTimeout(
      () => stop(new RequestFailure('timeout', `${timeoutMs} ms`)),
      timeoutMs,
    )
    const onAbort = () => stop(new RequestFailure('aborted', 'cancelled by the caller'))
    signal?.addEventListener('abort', onAbort, { once: true })
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
    const stop = (reason: RequestFailure | UpstreamError) => {
      failure ??= reason
      done()
      reject(failure)
      request.destroy(reason)
    }

    request.on('error', (error: NodeJS.ErrnoException) => {
      done()
      if (failure) return reject(failure)
      if (request.reusedSocket && error.code === 'ECONNRESET') return reject(new StaleSocket())
      reject(new RequestFailure('unreachable', error.code ?? error.message))
    })
    request.on('response', (response) => {
      const tooLarge = () => stop(upstreamErrors.tooLarge(limit, response.statusCode ?? 0))
      // A declared length over the limit fails before a byte of it is read.
      if (Number(response.headers['content-length'] ?? 0) > limit) return tooLarge()
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > limit) tooLarge()
        else chunks.push(chunk)
      })
      response.on('end', () => {
        done()
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        })
      })
      response.on('error', () => {
        done()
        reject(failure ?? new RequestFailure('unreachable', 'the connection broke mid-answer'))
      })
    })
    request.end(payload)
  })
}
