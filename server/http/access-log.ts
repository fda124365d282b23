// One JSON line per request: method, path, status, duration and the upstream calls it
// caused. The path is logged without its query string (a customer search travels in
// ?q= and may be a name or an email); only the query's keys are kept. Behind a Node
// socket the line is written when the answer is fully sent, so a streamed snapshot
// logs its real duration, not the time to its first byte.
import type { HttpBindings } from '@hono/node-server'
import type { MiddlewareHandler } from 'hono'
import { printable, type Logger } from '../logger.ts'
import { countUpstreamCalls } from '../upstream/client.ts'

const maxQueryKeys = 10

function queryKeys(url: string): string[] | undefined {
  const at = url.indexOf('?')
  if (at === -1) return undefined
  const keys = new Set(new URLSearchParams(url.slice(at + 1)).keys())
  return [...keys].slice(0, maxQueryKeys).map((key) => printable(key, 40))
}

export function accessLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    const counter = { calls: 0 }
    const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing
    // Listened for first: a client that leaves mid-request (a search replaced by the next)
    // closes the answer before its handler returns, and 'close' is not emitted twice.
    const closed =
      outgoing &&
      new Promise<{ aborted: boolean; at: number }>((resolve) =>
        outgoing.once('close', () =>
          resolve({ aborted: !outgoing.writableFinished, at: performance.now() }),
        ),
      )
    await countUpstreamCalls(counter, next)
    // Taken now: a request cut off by its deadline may have its context rewritten later.
    const { status } = c.res
    const write = ({ aborted, at }: { aborted: boolean; at: number }) => {
      logger[status >= 500 ? 'warn' : 'info']('request', {
        method: c.req.method,
        path: printable(c.req.path),
        query_keys: queryKeys(c.req.url),
        status,
        duration_ms: Math.round((at - started) * 10) / 10,
        upstream_calls: counter.calls,
        aborted: aborted ? true : undefined,
      })
    }
    if (closed) void closed.then(write)
    else write({ aborted: false, at: performance.now() })
  }
}
