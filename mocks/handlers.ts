// msw handlers playing perform.chat's REST API over the mock data. Happy paths live
// here; tests add errors through the fault switches or their own handlers (use()).
import { http, HttpResponse, type HttpHandler, type JsonBodyType } from 'msw'
import { setTimeout as sleep } from 'node:timers/promises'
import type { CustomerUser } from '../src/lib/contract.ts'
import type { MockDb } from './data.ts'
import type { Faults, FaultSettings } from './faults.ts'
import { messagesOf } from './messages.ts'
import { paginate, parsePaging, upstreamError, type UpstreamRules } from './upstream-rules.ts'

export type MockContext = { baseUrl: string; db: MockDb; faults: Faults; rules: UpstreamRules }

type Call = { url: URL; id: string; body: Record<string, unknown> }
type Resolver = { request: Request; params: Record<string, unknown> }

async function readBody(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text())
  } catch {
    return undefined
  }
}

function until(signal: AbortSignal) {
  return new Promise<void>((resolve) => {
    if (signal.aborted) resolve()
    signal.addEventListener('abort', () => resolve(), { once: true })
  })
}

export function createHandlers(ctx: MockContext): HttpHandler[] {
  const ok = (body: JsonBodyType) =>
    ctx.faults.takeMalformed()
      ? new HttpResponse('{"data":[{"id":"conv_', {
          headers: { 'Content-Type': 'application/json' },
        })
      : HttpResponse.json(body)

  const authed =
    (route: (call: Call) => Response) =>
    async ({ request, params }: Resolver) => {
      const body = await readBody(request)
      const denied = ctx.rules.admit(body)
      if (denied) return denied
      const fields = typeof body === 'object' && body !== null ? { ...body } : {}
      const id = typeof params.id === 'string' ? params.id : ''
      return route({ url: new URL(request.url), id, body: fields })
    }

  const notFound = () => upstreamError(404, 'Conversation not found', 'Not Found')

  return [
    http.all(`${ctx.baseUrl}/*`, async ({ request }) => {
      const latency = ctx.faults.latencyMs()
      if (latency > 0) await sleep(latency, undefined, { signal: request.signal }).catch(() => {})
      const fault = ctx.faults.take()
      if (fault.kind === 'hang') {
        await until(request.signal)
        return new HttpResponse(null, { status: 499 })
      }
      if (fault.kind === 'status500')
        return upstreamError(500, 'Internal server error', 'Internal Server Error')
      if (fault.kind === 'status429') {
        const response = upstreamError(
          429,
          'ThrottlerException: Too Many Requests',
          'Too Many Requests',
        )
        response.headers.set('Retry-After', String(fault.retryAfterSeconds))
        return response
      }
      return undefined
    }),

    http.get(
      `${ctx.baseUrl}/conversations`,
      authed(({ url }) => {
        const paging = parsePaging(url, 20)
        if (paging instanceof Response) return paging
        return ok(hostile(paginate(ctx.db.conversations, paging), ctx.faults.current()))
      }),
    ),

    http.get(
      `${ctx.baseUrl}/conversations/:id`,
      authed(({ id }) => {
        const found = ctx.db.byId.get(id)
        return found ? ok(found) : notFound()
      }),
    ),

    http.get(
      `${ctx.baseUrl}/conversations/:id/messages`,
      authed(({ url, id }) => {
        const found = ctx.db.byId.get(id)
        if (!found) return notFound()
        const paging = parsePaging(url, 50)
        if (paging instanceof Response) return paging
        const conversation = { id: found.id, title: found.title ?? null }
        return ok({ ...paginate(messagesOf(ctx.db, found), paging), conversation })
      }),
    ),

    http.get(
      `${ctx.baseUrl}/customer-users`,
      authed(({ url, body }) => {
        const paging = parsePaging(url, 20)
        if (paging instanceof Response) return paging
        return ok(paginate(ctx.db.customers.filter(customerFilter(body)), paging))
      }),
    ),
  ]
}

/** A list page as an insane upstream would send it, when a test asks for that. */
function hostile<T extends { data: unknown[]; pagination: { limit: number } }>(
  page: T,
  faults: FaultSettings,
): T {
  let answer = page
  if (faults.oversizedPages) {
    const data = Array.from({ length: page.pagination.limit * 3 + 1 }, (_, i) => ({
      ...(page.data[i % Math.max(1, page.data.length)] as object),
      id: `conv_oversized_${i}`,
    }))
    answer = { ...answer, data }
  }
  if (faults.claimedTotal !== undefined) {
    const total = faults.claimedTotal
    const pagination = {
      ...answer.pagination,
      total,
      total_pages: Math.ceil(total / page.pagination.limit),
    }
    answer = { ...answer, pagination }
  }
  return answer
}

function customerFilter(body: Record<string, unknown>) {
  const text = (key: string) =>
    typeof body[key] === 'string' ? body[key].toLowerCase() : undefined
  const name = text('name')
  const email = text('email')
  const externalId = typeof body.external_id === 'string' ? body.external_id : undefined
  return (customer: CustomerUser) =>
    (name === undefined || (customer.name ?? '').toLowerCase().includes(name)) &&
    (email === undefined || (customer.email ?? '').toLowerCase().includes(email)) &&
    (externalId === undefined || customer.external_id === externalId)
}
