// Test helper: perform.chat's GET /conversations/:id/messages over the fake lists of
// crawl-test-upstream.ts. A conversation has `message_count` messages (or what
// `messagesOf` says), paged like the real service; one the list no longer holds is a 404.
// Every call waits at the gate with its own priority, and each is logged (which
// conversation, which page, at which priority, when), so tests see what was read.
import type * as z from 'zod/mini'
import type { Conversation, Message } from '../../src/lib/contract.ts'
import type { Clock } from '../clock.ts'
import type { UpstreamClient, UpstreamGetOptions } from '../upstream/client.ts'
import { upstreamErrors } from '../upstream/errors.ts'
import type { Limiter, Priority } from '../upstream/limiter.ts'
import type { FakeUpstream } from './crawl-test-upstream.ts'

export type FakeMessageRequest = {
  id: string
  page: number
  priority: Priority
  at: number
  signal: AbortSignal
}

export type FakeMessagesOptions = {
  clock: Clock
  gate?: Pick<Limiter, 'acquire'>
  latencyMs?: number
  messagesOf?: (conversation: Conversation) => Message[]
  /** Runs before a request is answered: throw to fail it. */
  before?: (request: FakeMessageRequest) => void | Promise<void>
}

export type FakeMessagesUpstream = {
  /** The lists from `list`, the messages from here. */
  get: UpstreamClient['get']
  /** Every message request, in the order they reached perform.chat. */
  requests: Omit<FakeMessageRequest, 'signal'>[]
  /** How many times a page of this conversation's messages was asked for. */
  reads: (id: string) => number
}

const messagesPath = /^\/conversations\/([^/]+)\/messages$/

export const fakeMessages = (conversation: Conversation): Message[] =>
  Array.from({ length: conversation.message_count ?? 0 }, (_, i) => ({
    id: `${conversation.id}_msg_${i + 1}`,
    content: `Message ${i + 1} of ${conversation.id}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    conversation_id: conversation.id,
    created_at: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
  }))

export function withFakeMessages(
  list: FakeUpstream,
  options: FakeMessagesOptions,
): FakeMessagesUpstream {
  const { clock } = options
  const requests: FakeMessagesUpstream['requests'] = []
  // Indexed again whenever the list is replaced (insertAtHead makes a new array).
  let indexed: { rows: Conversation[]; byId: Map<string, Conversation> } | undefined
  const find = (id: string) => {
    if (indexed?.rows !== list.conversations) {
      const rows = list.conversations
      indexed = { rows, byId: new Map(rows.map((row) => [row.id, row])) }
    }
    return indexed.byId.get(id)
  }

  async function get<S extends z.ZodMiniType>(
    path: string,
    request: UpstreamGetOptions<S>,
  ): Promise<z.output<S>> {
    const match = messagesPath.exec(path)
    if (!match) return list.get(path, request)
    const id = decodeURIComponent(match[1] ?? '')
    const priority = request.priority ?? 'interactive'
    const signal = request.signal ?? new AbortController().signal
    await options.gate?.acquire(priority, signal)
    const page = Number(request.query?.page ?? 1)
    const limit = Number(request.query?.limit ?? 50)
    requests.push({ id, page, priority, at: clock.now() })
    // Its own signal: the fake clock leaves a listener on the one it sleeps on.
    await clock.sleep(options.latencyMs ?? 0, AbortSignal.any([signal]))
    await options.before?.({ id, page, priority, at: clock.now(), signal })
    const conversation = find(id)
    if (!conversation) throw upstreamErrors.status(404, '{"message":"Conversation not found"}')
    const all = (options.messagesOf ?? fakeMessages)(conversation)
    return request.schema.parse({
      data: all.slice((page - 1) * limit, page * limit),
      pagination: { page, limit, total: all.length, total_pages: Math.ceil(all.length / limit) },
      conversation: { id, title: conversation.title },
    })
  }

  return {
    get,
    requests,
    reads: (id) => requests.filter((request) => request.id === id).length,
  }
}
