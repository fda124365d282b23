// A transcript opened before the message sync reached it, or after its conversation
// changed: read now at 'interactive' priority (the share of the budget kept for people
// waiting), shown, and stored so the next opening and the message search have it. The
// state it is stored for is the conversation's as the mirror holds it before the read:
// if the list moves on meanwhile, the message sync reads it again rather than trust a
// transcript older than the row.
import type { Message } from '../../src/lib/contract.ts'
import type { Store } from '../store/store.ts'
import type { UpstreamClient } from '../upstream/client.ts'
import { messagePageFetcher, readAllMessages } from './message-pages.ts'

export type TranscriptDeps = {
  store: Pick<Store, 'getConversation' | 'replaceMessages' | 'getMessages'>
  upstream: Pick<UpstreamClient, 'get'>
}

/** Pages read at once after the first: a long thread opens in a few round trips. */
const transcriptWidth = 4

/**
 * Every message of the conversation, read upstream and stored, by created_at then id as
 * the mirror orders them (in perform.chat's order when the mirror does not hold the
 * conversation, which then keeps nothing). Upstream failures are thrown as they come
 * (a 404 for a conversation perform.chat does not have, a 429 with its wait).
 */
export async function fetchTranscript(
  deps: TranscriptDeps,
  conversationId: string,
  signal: AbortSignal,
): Promise<Message[]> {
  const known = await deps.store.getConversation(conversationId)
  const fetchPage = messagePageFetcher(deps.upstream, conversationId, 'interactive')
  const { messages, total } = await readAllMessages(fetchPage, signal, transcriptWidth)
  const readFor = known
    ? { message_count: known.message_count ?? null, updated_at: known.updated_at ?? null }
    : { message_count: total, updated_at: null }
  await deps.store.replaceMessages(conversationId, messages, readFor)
  return (await deps.store.getMessages(conversationId)) ?? messages
}
