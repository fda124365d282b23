// The order a conversation's messages are kept in, by every backend: CONTRACT.md's order.
import type { Message } from '../../src/lib/contract.ts'
import { epochMs } from './sort-keys.ts'

/** The most messages a conversation keeps (its newest); SQLite numbers them within it. */
export const MAX_MESSAGES = 2 ** 20

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Each message once (the last copy of an id wins), by created_at then id, undated last.
 * Past MAX_MESSAGES the oldest are dropped.
 */
export function orderedMessages(messages: readonly Message[]): Message[] {
  const byId = new Map(messages.map((message) => [message.id, message]))
  const time = (message: Message) => epochMs(message.created_at) ?? Number.POSITIVE_INFINITY
  const sorted = [...byId.values()].sort((a, b) => {
    const [x, y] = [time(a), time(b)]
    return x === y ? compareIds(a.id, b.id) : x < y ? -1 : 1
  })
  return sorted.slice(-MAX_MESSAGES)
}
