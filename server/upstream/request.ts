// One GET with a JSON body over node:http(s). Node's fetch refuses a body on GET, and
// without an explicit Content-Length the body would be silently dropped.
import http, { type IncomingHttpHeaders } from 'node:http'
import https from 'node:https'

export type RawResponse = { status: number; headers: IncomingHttpHeaders; body: string }

export type RequestFailureKind = 'timeout' | 'unreachable' | 'aborted' | 'too_large'

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

const maxBodyBytes = 64 * 1024 * 1024
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
}

type SendOptions = { timeoutMs: number; signal?: AbortSignal }

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

function attempt(url: URL, payload: string, { timeoutMs, signal }: SendOptions) {
  return new Promise<RawResponse>((resolve, reject) => {
    if (signal?.aborted) return reject(new RequestFailure('aborted', 'cancelled by the caller'))
    const isHttps = url.protocol === 'https:'
    const request = (isHttps ? https : http).request(url, {
      method: 'GET',
      agent: isHttps ? agents['https:'] : agents['http:'],
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(payload),
      },
    })
    let failure: RequestFailure | undefined
    const stop = (reason: RequestFailure) => {
      failure ??= reason
      request.destroy(reason)
    }
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

    request.on('error', (error: NodeJS.ErrnoException) => {
      done()
      if (failure) return reject(failure)
      if (request.reusedSocket && error.code === 'ECONNRESET') return reject(new StaleSocket())
      reject(new RequestFailure('unreachable', error.code ?? error.message))
    })
    request.on('response', (response) => {
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > maxBodyBytes) stop(new RequestFailure('too_large', `over ${maxBodyBytes} bytes`))
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
