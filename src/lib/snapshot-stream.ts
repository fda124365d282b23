import type { QueryFunctionContext } from '@tanstack/react-query'
import type * as z from 'zod/mini'
import { ApiRequestError, errorFromResponse, unreachableError } from './api-error.ts'
import { NdjsonLineError, readNdjson } from './ndjson.ts'

/** The lines of GET /api/…/snapshot, as `snapshotLineSchema` in contract.ts validates them. */
export type SnapshotLine<Row> =
  | { type: 'meta'; total: number; as_of: string | null; complete: boolean }
  | { type: 'rows'; rows: Row[] }
  | { type: 'wait'; reason: string; retry_after_seconds: number }
  | { type: 'error'; error: { code: string; message: string } }
  | { type: 'end'; complete: boolean; as_of: string }

export type Snapshot<Row> = {
  rows: readonly Row[]
  /** What the server expects in all, from the meta line (null before it arrives). */
  total: number | null
  asOf: string | null
  /** The stream has ended: every row there is to get has arrived. */
  done: boolean
  /** The server's crawl reached the end of the list. */
  complete: boolean
  /** Seconds the upstream rate limit holds the crawl back, while it does. */
  waitSeconds: number | null
}

/** Progress reaches the cache at most this often; every push re-sorts all rows, so big lists push less. */
const pushInterval = (rows: number) => 150 + rows / 200

function createAccumulator<Row extends { id: string }>() {
  const rows: Row[] = []
  const positions = new Map<string, number>()
  let total: number | null = null
  let asOf: string | null = null
  let done = false
  let complete = false
  let waitSeconds: number | null = null
  return {
    add(line: Exclude<SnapshotLine<Row>, { type: 'error' }>) {
      waitSeconds = line.type === 'wait' ? line.retry_after_seconds : null
      if (line.type === 'meta') {
        total = line.total
        asOf = line.as_of
        complete = line.complete
      } else if (line.type === 'end') {
        asOf = line.as_of
        complete = line.complete
        done = true
      } else if (line.type === 'rows') {
        for (const row of line.rows) {
          const at = positions.get(row.id)
          if (at === undefined) positions.set(row.id, rows.push(row) - 1)
          else rows[at] = row
        }
      }
    },
    stop() {
      waitSeconds = null
    },
    get done() {
      return done
    },
    get size() {
      return rows.length
    },
    snapshot: (): Snapshot<Row> => ({
      rows: rows.slice(),
      total,
      asOf,
      done,
      complete,
      waitSeconds,
    }),
  }
}

/**
 * Lets the page render and paint what was just pushed. A stream that arrives faster than
 * it is read would otherwise be read to its end in one go of microtasks, with the first
 * rows waiting behind the last. A hidden tab gets no frames, hence the timer.
 */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100)
    setTimeout(() =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(fallback)
          resolve()
        }),
      ),
    )
  })
}

const streamCut = (path: string) =>
  new ApiRequestError(
    'stream_cut',
    `The connection to the dashboard server closed before ${path} finished. Retry to load the rest.`,
  )

/**
 * A queryFn reading one streamed snapshot. On a first load (or a retry of a failed one)
 * rows reach the cache while they arrive, so the table fills and the progress bar moves;
 * a background refresh writes only the finished snapshot, so nothing moves until the
 * page chooses to show it. The signal is deliberately not read: a stream left behind by
 * a navigation keeps filling the cache for when the user comes back.
 */
export function snapshotQueryFn<Row extends { id: string }>(
  path: string,
  schema: z.ZodMiniType<SnapshotLine<Row>>,
) {
  return async ({ client, queryKey }: QueryFunctionContext): Promise<Snapshot<Row>> => {
    const live = client.getQueryData<Snapshot<Row>>(queryKey)?.done !== true
    const acc = createAccumulator<Row>()
    let timer: ReturnType<typeof setTimeout> | undefined
    let pushedAt = 0
    const push = () => {
      clearTimeout(timer)
      timer = undefined
      pushedAt = Date.now()
      client.setQueryData<Snapshot<Row>>(queryKey, acc.snapshot())
    }
    const schedule = (urgent: boolean) => {
      const wait = pushInterval(acc.size) - (Date.now() - pushedAt)
      if (urgent || wait <= 0) push()
      else timer ??= setTimeout(push, wait)
    }
    const response = await fetch(new URL(path, window.location.origin), {
      headers: { accept: 'application/x-ndjson' },
    }).catch(() => Promise.reject(unreachableError(path)))
    if (!response.ok) throw await errorFromResponse(response, path)
    if (!response.body) throw new ApiRequestError('empty_body', `${path} answered without a body.`)
    try {
      for await (const line of readNdjson(response.body, schema, path)) {
        if (line.type === 'error') throw new ApiRequestError(line.error.code, line.error.message)
        const firstRows = line.type === 'rows' && acc.size === 0
        acc.add(line)
        if (!live || acc.done) continue
        schedule(line.type !== 'rows' || firstRows)
        if (firstRows) await painted()
      }
    } catch (error) {
      acc.stop()
      if (live) push()
      throw error instanceof ApiRequestError || error instanceof NdjsonLineError
        ? error
        : streamCut(path)
    } finally {
      clearTimeout(timer)
    }
    if (!acc.done) throw streamCut(path)
    return acc.snapshot()
  }
}
