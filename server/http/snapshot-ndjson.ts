// One reader's view of a snapshot store as NDJSON lines in the CONTRACT.md format:
// meta, rows…, end (plus `wait` while the rate limit holds a first crawl back, and
// `error` if it fails). Rows are turned into text only when the client asks for more
// (ReadableStream pull), so a slow client costs references, not a copy of the snapshot.
import type { Clock } from '../clock.ts'
import {
  encodedRowLines,
  endLine,
  metaLine,
  rowsPerLine,
  type RowOrder,
} from './snapshot-complete.ts'
import { ApiFailure } from '../errors.ts'
import type { Snapshot, SnapshotEvent, SnapshotStore } from '../sync/snapshot-store.ts'

type Item<T> = { line: object } | { rows: readonly T[]; from: number } | { encoded: Uint8Array[] }

export type SnapshotBody = { stream: ReadableStream<Uint8Array> } | { error: unknown }

function describeCrawlError(error: unknown): { code: string; message: string } {
  if (error instanceof ApiFailure) return { code: error.code, message: error.message }
  return {
    code: 'crawl_failed',
    message:
      'Reading the list from perform.chat failed unexpectedly; the server log has the details.',
  }
}

/**
 * Resolves once the store says something: with a stream to send, or, when a first crawl
 * failed before any line could be written, with the error (so it becomes an HTTP error).
 */
export function snapshotBody<T>(
  store: SnapshotStore<T>,
  clock: Clock,
  signal: AbortSignal,
  order?: RowOrder<T>,
): Promise<SnapshotBody> {
  const encoder = new TextEncoder()
  const queue: Item<T>[] = []
  const state: { finished: boolean; unsubscribe?: () => void } = { finished: false }
  let metaTotal: number | null = null
  let wake: (() => void) | undefined
  let ready: ((body: SnapshotBody) => void) | undefined
  const first = new Promise<SnapshotBody>((resolve) => (ready = resolve))

  const push = (item: Item<T>) => {
    queue.push(item)
    wake?.()
  }
  const meta = (total: number, snapshot: Snapshot<T> | null) => {
    metaTotal = total
    push({ line: metaLine(total, snapshot) })
  }
  const end = (snapshot: Snapshot<T>) => {
    push({ line: endLine(snapshot) })
    finish()
  }
  const onEvent = (event: SnapshotEvent<T>) => {
    if (event.type === 'error' && metaTotal === null) {
      finish()
      ready?.({ error: event.error })
      return
    }
    if (event.type === 'snapshot') {
      meta(event.snapshot.total, event.snapshot)
      push({ encoded: [...encodedRowLines(event.snapshot, order)] })
      end(event.snapshot)
    } else if (event.type === 'total') {
      if (event.total !== metaTotal) meta(event.total, null)
    } else {
      // The contract opens with meta; a crawl held back before its first page has no total yet.
      if (metaTotal === null) meta(0, null)
      if (event.type === 'rows') push({ rows: event.rows, from: 0 })
      if (event.type === 'wait') {
        const seconds = Math.max(1, Math.ceil((event.untilMs - clock.now()) / 1000))
        push({ line: { type: 'wait', reason: 'rate_limit', retry_after_seconds: seconds } })
      }
      if (event.type === 'error') {
        push({ line: { type: 'error', error: describeCrawlError(event.error) } })
        finish()
      }
      if (event.type === 'done') end(event.snapshot)
    }
    ready?.({ stream })
  }

  const nextChunk = (): string | Uint8Array | undefined => {
    const item = queue[0]
    if (!item) return undefined
    if ('line' in item) {
      queue.shift()
      return JSON.stringify(item.line)
    }
    if ('encoded' in item) {
      const bytes = item.encoded.shift()
      if (item.encoded.length === 0) queue.shift()
      return bytes ?? nextChunk()
    }
    const rows = item.rows.slice(item.from, item.from + rowsPerLine)
    item.from += rowsPerLine
    if (item.from >= item.rows.length) queue.shift()
    return rows.length > 0 ? JSON.stringify({ type: 'rows', rows }) : nextChunk()
  }

  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const chunk = nextChunk()
          if (typeof chunk === 'string') return controller.enqueue(encoder.encode(`${chunk}\n`))
          if (chunk !== undefined) return controller.enqueue(chunk)
          if (state.finished) return controller.close()
          await new Promise<void>((resolve) => (wake = resolve))
          wake = undefined
        }
      },
      cancel: () => leave(),
    },
    { highWaterMark: 1 },
  )

  // The client may leave at any time: stop following the crawl, never cancel it.
  const finish = () => {
    state.finished = true
    state.unsubscribe?.()
    wake?.()
  }
  const leave = () => {
    finish()
    queue.length = 0
    // Nothing may have been said yet: let the handler finish instead of waiting forever.
    ready?.({ error: new ApiFailure(499, 'aborted', 'The client closed the connection.') })
  }
  signal.addEventListener('abort', leave, { once: true })
  state.unsubscribe = store.watch(onEvent)
  if (state.finished) state.unsubscribe()
  return first
}
