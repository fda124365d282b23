// GET /api/events: what the sync is doing, pushed as Server-Sent Events so the page
// completes the moment the sync does, without polling. Every stream starts with the
// current status; later statuses are coalesced (at most one per `minIntervalMs`, the
// latest wins) so a first sync writing 100 pages a second does not flood slow readers.
// Streams are bounded (issue 14): per client address and in all, and a reader that does
// not drain what it was sent is closed instead of growing the server's memory.
import type { Context } from 'hono'
import { PUSH_EVENTS, type SyncStatus } from '../../src/lib/contract.ts'
import type { Clock } from '../clock.ts'
import { ApiFailure } from '../errors.ts'

export type StatusSource = {
  status: () => SyncStatus
  onStatus: (listener: (status: SyncStatus) => void) => () => void
}

export type PushLimits = {
  perClient: number
  total: number
  heartbeatMs: number
  /** Unsent bytes a stream may hold before it is closed as not reading. */
  maxQueuedBytes: number
  minIntervalMs: number
}

export const defaultPushLimits: PushLimits = {
  perClient: 50,
  total: 2000,
  heartbeatMs: 15_000,
  maxQueuedBytes: 64 * 1024,
  minIntervalMs: 50,
}

type Stream = { client: string; send: (text: string) => void; close: () => void }

export type PushHub = {
  handle: (c: Context, client: string) => Response
  /** Tells every open stream the server is restarting, then ends them. */
  closeAll: () => void
  /** Tells every open stream that the saved views changed. */
  viewsChanged: () => void
  open: () => number
}

const encoder = new TextEncoder()
const statusEvent = (status: SyncStatus) =>
  `event: ${PUSH_EVENTS.status}\ndata: ${JSON.stringify(status)}\n\n`

export function createPushHub(
  source: StatusSource,
  clock: Clock,
  limits: PushLimits = defaultPushLimits,
): PushHub {
  const streams = new Set<Stream>()
  const perClient = new Map<string, number>()
  let lastSentAt = Number.NEGATIVE_INFINITY
  let pending: ReturnType<typeof setTimeout> | undefined

  const broadcast = () => {
    pending = undefined
    lastSentAt = clock.now()
    const text = statusEvent(source.status())
    for (const stream of streams) stream.send(text)
  }
  source.onStatus(() => {
    if (pending) return
    const wait = lastSentAt + limits.minIntervalMs - clock.now()
    if (wait <= 0) broadcast()
    else pending = setTimeout(broadcast, wait)
  })
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.send(': heartbeat\n\n')
  }, limits.heartbeatMs)
  heartbeat.unref()

  function handle(c: Context, client: string): Response {
    const mine = perClient.get(client) ?? 0
    if (mine >= limits.perClient || streams.size >= limits.total) {
      throw new ApiFailure(
        429,
        'too_many_streams',
        'Too many open live-update connections; close some dashboard tabs and reload.',
        5,
      )
    }
    let stream: Stream | undefined
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          let closed = false
          const close = () => {
            if (closed) return
            closed = true
            if (stream) streams.delete(stream)
            const left = (perClient.get(client) ?? 1) - 1
            if (left > 0) perClient.set(client, left)
            else perClient.delete(client)
            try {
              controller.close()
            } catch {
              // Already errored by a cancelled reader.
            }
          }
          stream = {
            client,
            close,
            send: (text) => {
              if (closed) return
              // desiredSize counts down as bytes wait unread: a reader this far behind is gone.
              if ((controller.desiredSize ?? 0) < 0) return close()
              controller.enqueue(encoder.encode(text))
            },
          }
          streams.add(stream)
          perClient.set(client, mine + 1)
          stream.send(`retry: 1000\n${statusEvent(source.status())}`)
        },
        cancel() {
          stream?.close()
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: limits.maxQueuedBytes }),
    )
    c.req.raw.signal.addEventListener('abort', () => stream?.close(), { once: true })
    return new Response(body, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        // nginx would otherwise hold events back until its buffer fills.
        'X-Accel-Buffering': 'no',
      },
    })
  }

  return {
    handle,
    closeAll() {
      clearInterval(heartbeat)
      if (pending) clearTimeout(pending)
      for (const stream of [...streams]) {
        stream.send(`event: ${PUSH_EVENTS.restart}\ndata: {}\n\n`)
        stream.close()
      }
    },
    viewsChanged() {
      for (const stream of streams) stream.send(`event: ${PUSH_EVENTS.views}\ndata: {}\n\n`)
    },
    open: () => streams.size,
  }
}
