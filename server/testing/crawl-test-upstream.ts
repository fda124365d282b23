// An in-memory perform.chat list for the crawler tests:
// offset pages over a newest-first list, the key's own limit of N requests in any 60
// seconds (answering 429 with Retry-After), latency on the injected clock, and a hook to
// make a request fail or change the list while the crawl runs.
import type { Clock } from '../clock.ts'
import type { CrawlPage } from '../sync/crawler.ts'
import { upstreamErrors } from '../upstream/errors.ts'

export type Row = { id: string; n: number }

export type FakeUpstream = {
  rows: Row[]
  fetchPage: (page: number, limit: number, signal: AbortSignal) => Promise<CrawlPage<Row>>
  insertAtHead: (count: number) => void
  counts: {
    requests: number
    rateLimited: number
    maxInFlight: number
    byPage: Map<number, number>
  }
}

export type FakeUpstreamOptions = {
  total: number
  clock: Clock
  latencyMs?: number
  perMinute?: number
  /** Runs before a request is answered; throw to fail it. */
  before?: (page: number, call: number) => void
}

export function createFakeUpstream(options: FakeUpstreamOptions): FakeUpstream {
  const { clock } = options
  let next = options.total + 1
  const arrivals: number[] = []
  let inFlight = 0
  const upstream: FakeUpstream = {
    rows: Array.from({ length: options.total }, (_, i) => ({
      id: `r${options.total - i}`,
      n: options.total - i,
    })),
    counts: { requests: 0, rateLimited: 0, maxInFlight: 0, byPage: new Map() },
    insertAtHead(count) {
      const added = Array.from({ length: count }, () => ({ id: `r${next}`, n: next++ })).reverse()
      upstream.rows = added.concat(upstream.rows)
    },
    async fetchPage(page, limit, signal) {
      const { counts } = upstream
      const call = ++counts.requests
      counts.byPage.set(page, (counts.byPage.get(page) ?? 0) + 1)
      inFlight++
      counts.maxInFlight = Math.max(counts.maxInFlight, inFlight)
      try {
        const latency = options.latencyMs ?? 0
        await clock.sleep(latency / 2, signal)
        admit()
        options.before?.(page, call)
        await clock.sleep(latency / 2, signal)
        const start = (page - 1) * limit
        const total = upstream.rows.length
        return {
          rows: upstream.rows.slice(start, start + limit),
          total,
          totalPages: Math.ceil(total / limit),
        }
      } finally {
        inFlight--
      }
    },
  }
  const admit = () => {
    if (options.perMinute === undefined) return
    const now = clock.now()
    while (arrivals.length > 0 && (arrivals[0] ?? 0) <= now - 60_000) arrivals.shift()
    const oldest = arrivals[0]
    if (oldest !== undefined && arrivals.length >= options.perMinute) {
      upstream.counts.rateLimited++
      throw upstreamErrors.rateLimited(Math.ceil((oldest + 60_000 - now) / 1000))
    }
    arrivals.push(now)
  }
  return upstream
}
