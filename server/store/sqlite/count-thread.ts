// Exact counts off the event loop. A count of a broad search reads every match (a one-letter
// title search at 1,000,000 conversations: 0.2–0.4 s; a common word in the messages: 0.2 s
// and more), and node:sqlite runs it on the thread that serves every request: the next
// search's rows, the push stream and the sync's writes all waited behind it. Counts go to
// one worker thread instead, which reads the mirror's file through a connection of its own
// (WAL: it sees every committed write). Requests queue there in order; one whose caller has
// gone (a newer search replaced it) is dropped before it starts, and one still running
// `STOP_AFTER_MS` after its caller left is stopped with its thread (SQLite cannot be
// interrupted from another thread), whose successor starts with the next count: a person
// typing "refund" no longer has the server count every conversation holding an "r". If the
// thread cannot start or dies, counts run on the event loop as before: slower, never wrong.
import { Worker } from 'node:worker_threads'
import type { ListFilters } from '../../../src/lib/contract.ts'
import { abortReason } from '../../clock.ts'
import { StoreError } from '../store-error.ts'
import type { CountReply, CountRequest } from './count-worker.ts'

export type CountThread = {
  count: (filters: ListFilters, signal?: AbortSignal) => Promise<number>
  close: () => Promise<void>
}

type Pending = {
  request: CountRequest
  signal: AbortSignal | undefined
  resolve: (total: number) => void
  reject: (error: unknown) => void
  /** While it runs: stops it once its caller has gone. */
  onAbort?: () => void
}

/**
 * A count still running this long after its caller left is stopped. Most counts take a
 * few milliseconds and end by themselves; a new thread costs tens of milliseconds to start.
 */
const STOP_AFTER_MS = 20

/** Where the worker's code is: beside this module, as .ts from source or .js when built. */
const workerFile = () => {
  const name = import.meta.url.endsWith('.ts') ? 'count-worker.ts' : 'count-worker.js'
  return new URL(name, import.meta.url)
}

/** Node 22 before 22.18 runs TypeScript (the source, under `npm run dev`) only when asked. */
const typescriptFlag = (file: URL) => file.pathname.endsWith('.ts') && !process.features.typescript

export function createCountThread(options: {
  path: string
  /** Counts on the event loop, for when the thread is not there. */
  inline: (filters: ListFilters) => number
  onFailure?: (error: Error) => void
  /** The worker's code; count-worker beside this module unless a test says otherwise. */
  workerUrl?: URL
}): CountThread {
  let worker: Worker | undefined
  let broken = false
  let closed = false
  let nextId = 1
  const queue: Pending[] = []
  let running: Pending | undefined
  let runningSince = 0

  const settleInline = (job: Pending) => {
    try {
      job.resolve(options.inline(job.request.filters))
    } catch (error) {
      job.reject(error)
    }
  }

  const fail = (error: Error) => {
    if (broken) return
    broken = true
    options.onFailure?.(error)
    void worker?.terminate()
    worker = undefined
    // What was asked of the thread is answered here instead.
    const left = [...(running ? [running] : []), ...queue.splice(0)]
    running = undefined
    for (const job of left) settleInline(job)
  }

  const start = () => {
    const file = options.workerUrl ?? workerFile()
    const started = new Worker(file, {
      workerData: { path: options.path },
      ...(typescriptFlag(file)
        ? { execArgv: [...process.execArgv, '--experimental-strip-types'] }
        : {}),
    })
    started.on('message', (reply: CountReply) => {
      if (started !== worker) return
      const job = running
      running = undefined
      if (job?.onAbort) job.signal?.removeEventListener('abort', job.onAbort)
      if (job?.request.id === reply.id) {
        if ('total' in reply) job.resolve(reply.total)
        else
          job.reject(
            reply.error.storeCode
              ? new StoreError(reply.error.storeCode, reply.error.message)
              : new Error(reply.error.message),
          )
      }
      pump()
    })
    // A thread stopped on purpose (see stopRunning) is no failure.
    started.on('error', (error: unknown) => {
      if (started === worker) fail(error instanceof Error ? error : new Error(String(error)))
    })
    started.on('exit', (code) => {
      if (!closed && started === worker)
        fail(new Error(`the count thread exited with code ${code}`))
    })
    // Idle, it does not keep the process alive; a count under way does (see pump).
    started.unref()
    return started
  }

  /** Ends a running count whose caller has gone, with its thread. */
  const stopRunning = (job: Pending, signal: AbortSignal) => {
    if (running !== job || !worker) return
    const wait = runningSince + STOP_AFTER_MS - performance.now()
    if (wait > 0) {
      setTimeout(() => stopRunning(job, signal), wait).unref()
      return
    }
    const retired = worker
    worker = undefined
    running = undefined
    void retired.terminate()
    job.reject(abortReason(signal))
    pump()
  }

  function pump() {
    if (running || broken) return
    let job = queue.shift()
    while (job?.signal?.aborted) {
      job.reject(abortReason(job.signal))
      job = queue.shift()
    }
    if (!job) {
      worker?.unref()
      return
    }
    try {
      worker ??= start()
    } catch (error) {
      queue.unshift(job)
      fail(error instanceof Error ? error : new Error(String(error)))
      return
    }
    running = job
    runningSince = performance.now()
    const { signal } = job
    if (signal) {
      job.onAbort = () => stopRunning(job, signal)
      signal.addEventListener('abort', job.onAbort, { once: true })
    }
    worker.ref()
    worker.postMessage(job.request)
  }

  return {
    count: (filters, signal) =>
      new Promise<number>((resolve, reject) => {
        if (signal?.aborted) return reject(abortReason(signal))
        const job: Pending = { request: { id: nextId++, filters }, signal, resolve, reject }
        if (broken || closed) return settleInline(job)
        queue.push(job)
        pump()
      }),
    async close() {
      closed = true
      const left = [...(running ? [running] : []), ...queue.splice(0)]
      running = undefined
      for (const job of left) job.reject(new Error('the store is closed'))
      await worker?.terminate()
      worker = undefined
    },
  }
}
