// Test support: an msw server playing our `/api` for one conversation, and a renderer
// with a fresh QueryClient per test.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import type { ConversationRow, Message } from '../../lib/contract.ts'
import { ConversationView } from './conversation-view.tsx'

/** GET /api/conversations/:id: the conversation with its customer's name and email. */
export const conversation: ConversationRow = {
  id: 'conv_1',
  title: 'Refund for order #1042',
  customer_user_id: 'cu_7',
  message_count: 3,
  created_at: '2025-03-10T09:00:00.000Z',
  updated_at: '2025-03-10T12:12:00.000Z',
  customer_name: 'Ada Lovelace',
  customer_email: 'ada@example.com',
}

export function message(id: string, role: string, content: string, createdAt: string): Message {
  return { id, role, content, conversation_id: conversation.id, created_at: createdAt }
}

export const threeMessages = [
  message('msg_1', 'user', 'Where is my refund?', '2025-03-10T09:00:00.000Z'),
  message('msg_2', 'assistant', 'Let me check that for you.', '2025-03-10T09:01:00.000Z'),
  message('msg_3', 'user', 'Thanks!', '2025-03-10T12:12:00.000Z'),
]

/**
 * Serves `messages` in pages, in the order given, as the API would page them.
 * `beforePage` sees each request first: it may hold it back (a promise) or answer it.
 */
export function messagesHandler(
  messages: readonly Message[],
  beforePage: (url: URL) => Promise<unknown> | Response | undefined = () => undefined,
) {
  return http.get('*/api/conversations/:id/messages', async ({ request }) => {
    const url = new URL(request.url)
    const early = await beforePage(url)
    if (early instanceof Response) return early
    const page = Number(url.searchParams.get('page') ?? '1')
    const limit = Number(url.searchParams.get('limit') ?? '50')
    return HttpResponse.json({
      data: messages.slice((page - 1) * limit, page * limit),
      pagination: {
        page,
        limit,
        total: messages.length,
        total_pages: Math.max(1, Math.ceil(messages.length / limit)),
      },
    })
  })
}

export function apiError(status: number, code: string, text: string, headers?: HeadersInit) {
  return HttpResponse.json({ error: { code, message: text } }, { status, headers })
}

export const server = setupServer(
  http.get('*/api/conversations/:id', ({ params }) =>
    params.id === conversation.id
      ? HttpResponse.json(conversation)
      : apiError(404, 'not_found', `No conversation ${String(params.id)}.`),
  ),
  messagesHandler(threeMessages),
)

type RenderOptions = {
  /** What the list leaves on the entry it pushes, e.g. `{ fromList: '?q=x' }`. */
  historyState?: unknown
  /** The conversation URL's query string, e.g. `?text=refund` from a message search. */
  search?: string
}

export function renderConversation(
  id = conversation.id,
  { historyState = null, search = '' }: RenderOptions = {},
) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  window.history.replaceState(historyState, '', `/conversations/${id}${search}`)
  return render(
    <QueryClientProvider client={client}>
      <ConversationView id={id} />
    </QueryClientProvider>,
  )
}
