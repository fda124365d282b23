// The body of the count thread (count-thread.ts): counts on a read-only connection of its
// own, one request at a time, so that an exact count of a broad search, which may read a
// million index entries, never holds up the server's event loop.
import { parentPort, workerData } from 'node:worker_threads'
import type { ListFilters } from '../../../src/lib/contract.ts'
import { StoreError } from '../store-error.ts'
import { createDatabase } from './database.ts'
import { countConversations } from './list-queries.ts'
import { openReader } from './sqlite-file.ts'

export type CountRequest = { id: number; filters: ListFilters }
export type CountReply =
  | { id: number; total: number }
  | { id: number; error: { message: string; storeCode?: StoreError['code'] } }

const port = parentPort
if (!port) throw new Error('count-worker.ts runs as a worker thread (see count-thread.ts)')
const { path } = workerData as { path: string }
const db = createDatabase(openReader(path), path)

port.on('message', ({ id, filters }: CountRequest) => {
  let reply: CountReply
  try {
    reply = { id, total: countConversations(db, filters) }
  } catch (error) {
    reply = {
      id,
      error: {
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof StoreError ? { storeCode: error.code } : {}),
      },
    }
  }
  port.postMessage(reply)
})
