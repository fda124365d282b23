// A conversation's messages, made on first request from the conversation's own seed,
// so 100,000 conversations cost nothing until someone opens one; yet any conversation's
// messages can be made, so tests may scan all of them.
import type { Conversation, Message } from '../src/lib/contract.ts'
import type { MockDb } from './data.ts'
import { planOf } from './plan.ts'
import { createRandom, mixSeed } from './prng.ts'
import { hiddenCount } from './special-rows.ts'
import { threadLines } from './thread.ts'
import { comebackIndex, naturalGaps, placeTimes, timingRandom } from './timeline.ts'

const cache = new WeakMap<Conversation, Message[]>()

export function conversationNumber(conversation: Conversation): number {
  return Number(conversation.id.replace(/^conv_/, '')) || 0
}

export function messagesOf(db: MockDb, conversation: Conversation): Message[] {
  const cached = cache.get(conversation)
  if (cached) return cached
  const number = conversationNumber(conversation)
  const { seed } = db.options
  const count = conversation.message_count ?? hiddenCount
  const start = Date.parse(conversation.created_at ?? '') || db.options.now.getTime()
  const end = Math.max(start, Date.parse(conversation.updated_at ?? '') || start)
  const times = placeTimes(naturalGaps(timingRandom(seed, number), count), start, end)
  const comeback = comebackIndex(count)
  const comebackGap = comeback > 0 ? (times[comeback] ?? 0) - (times[comeback - 1] ?? 0) : 0
  const plan = planOf(db.options, number)
  const lines = threadLines(plan, count, createRandom(mixSeed(seed + 104_729, number)), comebackGap)
  const width = String(count).length
  const messages = lines.map((line, i): Message => ({
    id: `msg_${number}_${String(i + 1).padStart(width, '0')}`,
    content: line.content,
    role: line.role,
    conversation_id: conversation.id,
    created_at: new Date(times[i] ?? start).toISOString(),
  }))
  cache.set(conversation, messages)
  return messages
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/**
 * The conversations (in list order) with a message containing the phrase, case- and
 * accent-insensitively: what a message search for one word or phrase should find.
 */
export function conversationsWhoseMessagesContain(db: MockDb, phrase: string): Conversation[] {
  const wanted = fold(phrase)
  return db.conversations.filter((conversation) =>
    messagesOf(db, conversation).some((message) => fold(message.content ?? '').includes(wanted)),
  )
}
