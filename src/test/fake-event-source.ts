// A stand-in for the browser's EventSource (jsdom has none), driven by the test.
import { act } from '@testing-library/react'
import { vi } from 'vitest'
import { PUSH_EVENTS, type SyncStatus } from '../lib/contract.ts'
import { syncStatus } from './fake-api.ts'

/** Installs a fake EventSource; the returned handle pushes events on the latest stream. */
export function stubEventSource() {
  const streams: FakeEventSource[] = []

  class FakeEventSource extends EventTarget {
    static readonly CONNECTING = 0
    static readonly OPEN = 1
    static readonly CLOSED = 2
    readonly url: string
    readyState = 0
    constructor(url: string | URL) {
      super()
      this.url = String(url)
      streams.push(this)
    }
    close() {
      this.readyState = 2
    }
  }
  vi.stubGlobal('EventSource', FakeEventSource)

  const latest = () => {
    const stream = streams.at(-1)
    if (!stream) throw new Error('No EventSource was opened')
    return stream
  }
  const send = (type: string, data: string) =>
    act(() => {
      const stream = latest()
      stream.readyState = 1
      stream.dispatchEvent(new MessageEvent(type, { data }))
    })

  return {
    streams,
    latest,
    /** Pushes a `status` event: `syncStatus(patch)`, a complete mirror unless told otherwise. */
    status: (patch: Partial<SyncStatus> = {}) =>
      send(PUSH_EVENTS.status, JSON.stringify(syncStatus(patch))),
    send,
    /** The stream fails: `closed` as after an HTTP error, else as the browser retrying. */
    fail: (closed: boolean) =>
      act(() => {
        const stream = latest()
        stream.readyState = closed ? 2 : 0
        stream.dispatchEvent(new Event('error'))
      }),
  }
}

export type FakeEvents = ReturnType<typeof stubEventSource>
