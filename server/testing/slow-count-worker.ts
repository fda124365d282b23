// A stand-in for count-worker.ts in count-thread.test.ts: each count keeps its thread busy
// for 300 ms (as a broad search's count does), then answers with how many requests this
// thread has been asked so far, so a test can tell which ones ever reached it.
import { parentPort } from 'node:worker_threads'

const port = parentPort
if (!port) throw new Error('slow-count-worker.ts runs as a worker thread')
const busyMs = 300
let asked = 0
port.on('message', ({ id }: { id: number }) => {
  asked++
  const until = performance.now() + busyMs
  while (performance.now() < until) {
    // Busy, as SQLite reading a million index entries is.
  }
  port.postMessage({ id, total: asked })
})
