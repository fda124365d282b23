// Brotli or gzip for text answers (pages, scripts, styles, JSON, CSV exports), as the
// client's Accept-Encoding allows. A JSON answer is one whole value of a few kilobytes: it
// is compressed in one synchronous call and sent with its length. Anything else may be a
// stream (an export): its compressor is flushed after every chunk, so what was produced
// reaches the browser at once instead of waiting in zlib's buffer until the end.
import {
  brotliCompressSync,
  constants,
  createBrotliCompress,
  createGzip,
  gzipSync,
} from 'node:zlib'
import type { Context, MiddlewareHandler } from 'hono'

export type Encoding = 'br' | 'gzip'

const compressible =
  /^(?:text\/|application\/(?:json|javascript|xml|manifest\+json)|image\/svg\+xml)/i
/** Every JSON answer of /api is written whole (none is streamed). */
const wholeJson = /^application\/json\b/i
/** Below this many bytes, compressing costs more than it saves. */
const thresholdBytes = 1024
/**
 * Above this many bytes a JSON answer (a page of long messages, at most) is compressed
 * through the stream, off the event loop: one call would hold it for milliseconds.
 */
const wholeMaxBytes = 256 * 1024

/** The client's preferred encoding among ours, honouring q-values; br when tied. */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  const weights = new Map<string, number>()
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase())
    const q = params.find((param) => param.startsWith('q='))
    weights.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0)
  }
  const weight = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br'
  return weight('gzip') > 0 ? 'gzip' : undefined
}

const BROTLI_QUALITY = 4

/**
 * A whole body in one call: 0.07 ms for a 7 kB page of rows. Through the stream below, whose
 * trips through zlib's thread pool each wait for a core, a search's answer reached the page
 * 5 ms later at the median (A/B in Chromium, two busy cores).
 */
function compressWhole(encoding: Encoding, body: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const packed =
    encoding === 'br'
      ? brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        })
      : gzipSync(body)
  // A copy of a few kilobytes, to own a plain ArrayBuffer as a Response body must.
  return new Uint8Array(packed)
}

function compressor(encoding: Encoding): TransformStream<Uint8Array, Uint8Array> {
  const zlib =
    encoding === 'br'
      ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
      : createGzip()
  const flushKind = encoding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH
  let output: TransformStreamDefaultController<Uint8Array> | undefined
  zlib.on('data', (chunk: Buffer) => {
    // The reader may be gone (a cancelled fetch): stop compressing instead of throwing
    // from an event handler, which would take the whole process down.
    try {
      output?.enqueue(new Uint8Array(chunk))
    } catch {
      zlib.destroy()
    }
  })
  const transformer: Transformer<Uint8Array, Uint8Array> & { cancel: () => void } = {
    start: (controller) => void (output = controller),
    transform: (chunk) =>
      new Promise<void>((resolve, reject) => {
        zlib.write(chunk, (error) => error && reject(error))
        // The output of this chunk is pushed as 'data' before the flush calls back.
        zlib.flush(flushKind, () => resolve())
      }),
    flush: () =>
      new Promise<void>((resolve) => {
        zlib.once('end', resolve)
        zlib.end()
      }),
    // The client left: free zlib's native memory now rather than at garbage collection.
    cancel: () => zlib.destroy(),
  }
  return new TransformStream(transformer)
}

const varyOnEncoding = (c: Context) => {
  const vary = c.res.headers.get('Vary')
  if (vary === null) c.res.headers.set('Vary', 'Accept-Encoding')
  else if (vary !== '*' && !/\baccept-encoding\b/i.test(vary)) {
    c.res.headers.set('Vary', `${vary}, Accept-Encoding`)
  }
}

export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const response = c.res
    if (!compressible.test(response.headers.get('Content-Type') ?? '')) return
    varyOnEncoding(c)
    const length = response.headers.get('Content-Length')
    // Headers and status first: reading `body` turns @hono/node-server's light response
    // (written whole, in one go) into a stream.
    if (
      c.req.method === 'HEAD' ||
      response.status === 204 ||
      response.status === 206 ||
      response.headers.has('Content-Encoding') ||
      /\bno-transform\b/i.test(response.headers.get('Cache-Control') ?? '') ||
      (length !== null && Number(length) < thresholdBytes)
    ) {
      return
    }
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'))
    if (!encoding) return
    if (wholeJson.test(response.headers.get('Content-Type') ?? '')) {
      const body = new Uint8Array(await response.arrayBuffer())
      const small = body.byteLength < thresholdBytes
      const headers = new Headers(response.headers)
      if (!small) headers.set('Content-Encoding', encoding)
      let sent: BodyInit
      if (body.byteLength > wholeMaxBytes) {
        headers.delete('Content-Length')
        sent = new Blob([body]).stream().pipeThrough(compressor(encoding))
      } else {
        const bytes = small ? body : compressWhole(encoding, body)
        headers.set('Content-Length', String(bytes.byteLength))
        sent = bytes
      }
      // Unset first: Hono would otherwise turn the new body into a stream to merge headers
      // that are all copied here already.
      c.res = undefined
      c.res = new Response(sent, { status: response.status, headers })
      return
    }
    if (!response.body) return
    c.res = new Response(response.body.pipeThrough(compressor(encoding)), response)
    c.res.headers.delete('Content-Length')
    c.res.headers.set('Content-Encoding', encoding)
  }
}
