// Brotli or gzip for text answers (pages, scripts, styles, JSON, the NDJSON snapshots),
// as the client's Accept-Encoding allows. The compressor is flushed after every chunk,
// so a streamed snapshot still reaches the browser line by line instead of waiting in
// zlib's buffer until the crawl ends; whole bodies arrive as one chunk and lose nothing.
import { constants, createBrotliCompress, createGzip } from 'node:zlib'
import type { Context, MiddlewareHandler } from 'hono'

export type Encoding = 'br' | 'gzip'

const compressible =
  /^(?:text\/|application\/(?:json|javascript|x-ndjson|xml|manifest\+json)|image\/svg\+xml)/i
/** Below this many bytes, compressing costs more than it saves. */
const thresholdBytes = 1024

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

function compressor(encoding: Encoding): TransformStream<Uint8Array, Uint8Array> {
  const zlib =
    encoding === 'br'
      ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
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
      (length !== null && Number(length) < thresholdBytes) ||
      !response.body
    ) {
      return
    }
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'))
    if (!encoding) return
    c.res = new Response(response.body.pipeThrough(compressor(encoding)), response)
    c.res.headers.delete('Content-Length')
    c.res.headers.set('Content-Encoding', encoding)
  }
}
