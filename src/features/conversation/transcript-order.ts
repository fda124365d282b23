import type { Message } from '../../lib/contract.ts'
import { parseTime } from '../../lib/format-time.ts'

/**
 * Every message once (offset pages can shift while new messages arrive), ordered by
 * `created_at`, then id; messages without a readable date go last.
 */
export function orderMessages(pages: readonly { data: readonly Message[] }[]): Message[] {
  const byId = new Map<string, Message>()
  for (const page of pages) for (const message of page.data) byId.set(message.id, message)
  return [...byId.values()].sort((a, b) => {
    const x = parseTime(a.created_at)
    const y = parseTime(b.created_at)
    if (x !== y) {
      if (x === undefined) return 1
      if (y === undefined) return -1
      return x - y
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
}
