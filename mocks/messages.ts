// A conversation's messages, made on first request from the conversation's own seed,
// so 100,000 conversations cost nothing until someone opens one.
import type { Conversation, Message } from '../src/lib/contract.ts'
import type { MockDb } from './data.ts'
import { createRandom, mixSeed } from './prng.ts'
import { messageText } from './sample-text.ts'

/** Messages a conversation holds when the service did not tell us its message_count. */
const hiddenCount = 5
const cache = new WeakMap<Conversation, Message[]>()

export function messagesOf(db: MockDb, conversation: Conversation): Message[] {
  const cached = cache.get(conversation)
  if (cached) return cached
  const number = Number(conversation.id.replace(/^conv_/, '')) || 0
  const random = createRandom(mixSeed(db.options.seed + 7919, number))
  const count = conversation.message_count ?? hiddenCount
  const start = Date.parse(conversation.created_at ?? '') || db.options.now.getTime()
  const end = Math.max(start, Date.parse(conversation.updated_at ?? '') || start)
  const step = count > 1 ? (end - start) / (count - 1) : 0
  const width = String(count).length
  const messages = Array.from({ length: count }, (_, i): Message => {
    const role = i % 2 === 0 ? 'user' : 'assistant'
    return {
      id: `msg_${number}_${String(i + 1).padStart(width, '0')}`,
      content: messageText(random, role),
      role,
      conversation_id: conversation.id,
      created_at: new Date(Math.round(start + step * i)).toISOString(),
    }
  })
  cache.set(conversation, messages)
  return messages
}
