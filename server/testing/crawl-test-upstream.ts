// An in-memory perform.chat for the sync's tests, speaking the upstream client's `get`:
// both lists as offset pages (conversations newest-created first unless told otherwise),
// the key's own limit of N requests in any 60 seconds (429 with Retry-After), latency on
// the injected clock, and hooks to fail or hold a request, change the list while a pass
// runs, or bend an answer the way a broken upstream would.
import type * as z from 'zod/mini'
import type { Conversation, CustomerUser } from '../../src/lib/contract.ts'
import type { Clock } from '../clock.ts'
import type { UpstreamClient, UpstreamGetOptions } from '../upstream/client.ts'
import { upstreamErrors } from '../upstream/errors.ts'
import type { Limiter } from '../upstream/limiter.ts'

export type FakeRequest = {
  path: string
  page: number
  limit: number
  call: number
  signal: AbortSignal
}
export type FakeAnswer = {
  data: unknown[]
  pagination: { page: number; limit: number; total: number; total_pages: number }
}

export type FakeUpstreamOptions = {
  conversations: number
  customers?: number
  clock: Clock
  latencyMs?: number
  perMinute?: number
  /** Every call waits here first, as the real client makes it wait at the limiter. */
  gate?: Pick<Limiter, 'acquire'>
  /** 'shuffled': created_at in no order along the list. */
  order?: 'newest-first' | 'shuffled'
  /** Runs before a request is answered: throw to fail it, never resolve to hang it. */
  before?: (request: FakeRequest) => void | Promise<void>
  answer?: (request: FakeRequest, answer: FakeAnswer) => FakeAnswer
}

export type FakeUpstream = {
  conversations: Conversation[]
  customers: CustomerUser[]
  get: UpstreamClient['get']
  insertAtHead: (count: number) => void
  /** How many times a page of a list was asked for. */
  reads: (page: number, path?: string) => number
  counts: { requests: number; rateLimited: number; maxInFlight: number }
}

const base = Date.UTC(2025, 0, 1)

/** A request that never gets an answer, until its caller gives up on it. */
export const hangUntilAborted = (signal: AbortSignal) =>
  new Promise<void>((_, reject) => {
    signal.addEventListener('abort', () => reject(new Error('aborted while hanging')), {
      once: true,
    })
  })

export const fakeConversation = (n: number, createdN = n): Conversation => ({
  id: `conv_${n}`,
  title: `Conversation ${n}`,
  customer_user_id: `cu_${(n % 7) + 1}`,
  message_count: n % 40,
  created_at: new Date(base + createdN * 1000).toISOString(),
  updated_at: new Date(base + createdN * 1000 + 500).toISOString(),
})

const fakeCustomer = (n: number): CustomerUser => ({
  id: `cu_${n}`,
  external_id: `ext-${n}`,
  name: `Customer ${n}`,
  email: `customer${n}@example.com`,
  active: true,
  created_at: new Date(base + n * 1000).toISOString(),
  last_seen_at: null,
})

export function createFakeUpstream(options: FakeUpstreamOptions): FakeUpstream {
  const { clock } = options
  let next = options.conversations + 1
  const arrivals: number[] = []
  const byPage = new Map<string, number>()
  let inFlight = 0
  // Shuffled: a fixed permutation of the dates, so the order is stable between reads.
  const created = (n: number) => (options.order === 'shuffled' ? (n * 7919) % 100_003 : n)

  const upstream: FakeUpstream = {
    conversations: Array.from({ length: options.conversations }, (_, i) =>
      fakeConversation(options.conversations - i, created(options.conversations - i)),
    ),
    customers: Array.from({ length: options.customers ?? 0 }, (_, i) => fakeCustomer(i + 1)),
    counts: { requests: 0, rateLimited: 0, maxInFlight: 0 },
    reads: (page, path = '/conversations') => byPage.get(`${path}#${page}`) ?? 0,
    insertAtHead(count) {
      const added = Array.from({ length: count }, () => fakeConversation(next, created(next++)))
      upstream.conversations = added.reverse().concat(upstream.conversations)
    },
    async get<S extends z.ZodMiniType>(
      path: string,
      request: UpstreamGetOptions<S>,
    ): Promise<z.output<S>> {
      const signal = request.signal ?? new AbortController().signal
      await options.gate?.acquire(request.priority ?? 'interactive', signal)
      const { counts } = upstream
      const call = ++counts.requests
      const page = Number(request.query?.page ?? 1)
      const limit = Number(request.query?.limit ?? 20)
      byPage.set(`${path}#${page}`, (byPage.get(`${path}#${page}`) ?? 0) + 1)
      inFlight++
      counts.maxInFlight = Math.max(counts.maxInFlight, inFlight)
      try {
        const latency = options.latencyMs ?? 0
        await clock.sleep(latency / 2, signal)
        admit()
        const fake = { path, page, limit, call, signal }
        await options.before?.(fake)
        await clock.sleep(latency / 2, signal)
        const rows = path === '/customer-users' ? upstream.customers : upstream.conversations
        const start = (page - 1) * limit
        const answer: FakeAnswer = {
          data: rows.slice(start, start + limit),
          pagination: {
            page,
            limit,
            total: rows.length,
            total_pages: Math.ceil(rows.length / limit),
          },
        }
        return request.schema.parse(options.answer ? options.answer(fake, answer) : answer)
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
