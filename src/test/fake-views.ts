// A fake of our server's /api for the views tests: GET/POST/PATCH/DELETE /api/views kept
// in memory with the server's rules (names unique case-insensitively), and other paths
// answered by `routes`, as stubApi does.
import { vi } from 'vitest'
import { NewViewSchema, ViewPatchSchema, type View, type ViewQuery } from '../lib/contract.ts'
import { errorResponse } from './fake-api.ts'

type Route = (url: URL) => unknown
export type SentRequest = { method: string; url: URL; body: unknown }

let made = 0

/** A saved view as GET /api/views lists it. */
export function savedView(name: string, query: ViewQuery, count: number | null = 0): View {
  made++
  const at = new Date(Date.UTC(2025, 0, 1, 0, made)).toISOString()
  return { id: `v${made}`, name, query, count, created_at: at, updated_at: at }
}

const key = (name: string) => name.trim().toLowerCase()

export function serveViews(initial: View[], routes: Record<string, Route> = {}) {
  let views = [...initial]
  const sent: SentRequest[] = []
  const taken = (name: string, id?: string) =>
    views.some((view) => view.id !== id && key(view.name) === key(name))
  const conflict = (name: string) =>
    errorResponse(409, 'name_taken', `A view named "${name}" already exists; choose another name.`)

  function answerViews(method: string, id: string | undefined, body: unknown): Response {
    if (id === undefined && method === 'GET') return Response.json({ data: views })
    if (id === undefined && method === 'POST') {
      const parsed = NewViewSchema.safeParse(body)
      if (!parsed.success) return errorResponse(400, 'invalid_view', 'A view needs a name.')
      if (taken(parsed.data.name)) return conflict(parsed.data.name)
      const view = savedView(parsed.data.name, parsed.data.query, null)
      views = [...views, view]
      return Response.json(view, { status: 201 })
    }
    const view = views.find((candidate) => candidate.id === id)
    if (!view) return errorResponse(404, 'not_found', 'There is no such view.')
    if (method === 'DELETE') {
      views = views.filter((candidate) => candidate !== view)
      return new Response(null, { status: 204 })
    }
    const parsed = ViewPatchSchema.safeParse(body)
    if (method !== 'PATCH' || !parsed.success) return errorResponse(400, 'bad_request', 'No.')
    if (taken(parsed.data.name, view.id)) return conflict(parsed.data.name)
    const renamed = { ...view, name: parsed.data.name }
    views = views.map((candidate) => (candidate === view ? renamed : candidate))
    return Response.json(renamed)
  }

  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : input, window.location.origin)
      const method = init?.method ?? 'GET'
      const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
      sent.push({ method, url, body })
      const match = /^\/api\/views(?:\/([^/]+))?$/.exec(url.pathname)
      if (match) return answerViews(method, match[1], body)
      const route = routes[url.pathname]
      if (!route) throw new Error(`No stubbed route for ${url.pathname}`)
      const answer = await route(url)
      return answer instanceof Response ? answer : Response.json(answer)
    }),
  )

  return {
    /** The views the server holds now. */
    views: () => views,
    /** Another user's change, made on the server alone. */
    set: (next: View[]) => {
      views = next
    },
    /** The requests sent, optionally only those of one method and path. */
    sent: (method?: string, path?: string) =>
      sent.filter(
        (request) =>
          (method === undefined || request.method === method) &&
          (path === undefined || request.url.pathname === path),
      ),
  }
}
