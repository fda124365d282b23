// A complete snapshot is read by every browser that opens the page, and its NDJSON body
// (meta, rows, end) never changes: it is encoded once per snapshot, and compressed once
// per encoding off the event loop, instead of once per reader.
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Encoding } from './compression.ts'
import type { Snapshot } from '../sync/snapshot-store.ts'

export const rowsPerLine = 1000

export type RowOrder<T> = (a: T, b: T) => number

const isoTime = (ms: number) => new Date(ms).toISOString()

/** The first line: the total so far, with as_of and complete once there is a snapshot. */
export const metaLine = (total: number, snapshot: Snapshot<unknown> | null) => ({
  type: 'meta',
  total,
  as_of: snapshot ? isoTime(snapshot.asOf) : null,
  complete: snapshot?.complete ?? false,
})

export const endLine = (snapshot: Snapshot<unknown>) => ({
  type: 'end',
  complete: snapshot.complete,
  as_of: isoTime(snapshot.asOf),
})

const encodedRows = new WeakMap<object, Uint8Array[]>()
type Body = Uint8Array<ArrayBuffer>
const bodies = new WeakMap<object, Map<string, Promise<Body>>>()

export function encodedRowLines<T>(snapshot: Snapshot<T>, order?: RowOrder<T>): Uint8Array[] {
  let lines = encodedRows.get(snapshot)
  if (!lines) {
    const encoder = new TextEncoder()
    const sorted = order ? snapshot.rows.toSorted(order) : snapshot.rows
    lines = []
    for (let from = 0; from < sorted.length; from += rowsPerLine) {
      const rows = sorted.slice(from, from + rowsPerLine)
      lines.push(encoder.encode(`${JSON.stringify({ type: 'rows', rows })}\n`))
    }
    encodedRows.set(snapshot, lines)
  }
  return lines
}

function identityBody<T>(snapshot: Snapshot<T>, order?: RowOrder<T>): Uint8Array {
  const encoder = new TextEncoder()
  return Buffer.concat([
    encoder.encode(`${JSON.stringify(metaLine(snapshot.total, snapshot))}\n`),
    ...encodedRowLines(snapshot, order),
    encoder.encode(`${JSON.stringify(endLine(snapshot))}\n`),
  ])
}

const compressors: Record<Encoding, (body: Uint8Array) => Promise<Buffer>> = {
  gzip: (body) => promisify(gzip)(body),
  br: (body) =>
    promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
}

// A fresh ArrayBuffer of its own, as a Response body wants.
const own = (bytes: Uint8Array): Body => new Uint8Array(bytes)

/** The whole NDJSON body of a complete snapshot, in the encoding asked for, cached. */
export function completeSnapshotBody<T>(
  snapshot: Snapshot<T>,
  encoding: Encoding | undefined,
  order?: RowOrder<T>,
): Promise<Body> {
  let cached = bodies.get(snapshot)
  if (!cached) bodies.set(snapshot, (cached = new Map<string, Promise<Body>>()))
  const key = encoding ?? 'identity'
  let body = cached.get(key)
  if (!body) {
    const plain = identityBody(snapshot, order)
    body = encoding ? compressors[encoding](plain).then(own) : Promise.resolve(own(plain))
    cached.set(key, body)
  }
  return body
}
