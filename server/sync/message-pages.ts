// A conversation's messages read from perform.chat: every page of 100 (the most it
// allows), page 1 first since it tells how many there are. Offset pages can shift while a
// message arrives, so each message is kept once, and a read during which the total moved
// is done again (at most twice): what it saw may have slipped past a page boundary. An
// answer that cannot be a page of a sane transcript (longer than asked for, a page count
// that does not follow from the total, more messages than we read for one conversation) is
// an error, not work: asking again brings the same answer.
import { MessageListSchema, type Message } from '../../src/lib/contract.ts'
import type { UpstreamClient } from '../upstream/client.ts'
import { UpstreamError } from '../upstream/errors.ts'
import type { Priority } from '../upstream/limiter.ts'
import { runPool } from './crawl-pool.ts'
import { inconsistentCode } from './list-source.ts'

export const messagePageLimit = 100
/** 1,000 pages: far beyond any support conversation, and a bound on a broken total. */
export const maxMessagesRead = 100_000
const extraReads = 2

export type MessagePage = { messages: readonly Message[]; total: number; totalPages: number }
export type FetchMessagePage = (page: number, signal: AbortSignal) => Promise<MessagePage>

const count = (n: number) => n.toLocaleString('en-US')

function inconsistent(message: string): UpstreamError {
  return new UpstreamError({ status: 502, code: inconsistentCode, message, retryable: false })
}

/** Reads one page of a conversation's messages through the shared limiter, checked. */
export function messagePageFetcher(
  upstream: Pick<UpstreamClient, 'get'>,
  conversationId: string,
  priority: Priority,
): FetchMessagePage {
  const path = `/conversations/${encodeURIComponent(conversationId)}/messages`
  return async (page, signal) => {
    const answer = await upstream.get(path, {
      query: { page, limit: messagePageLimit },
      schema: MessageListSchema,
      priority,
      signal,
    })
    const { total, total_pages: totalPages } = answer.pagination
    const where = `conversation ${conversationId}`
    if (answer.data.length > messagePageLimit) {
      throw inconsistent(
        `perform.chat sent ${count(answer.data.length)} messages on page ${page} of ${where}, more than the ${messagePageLimit} asked for.`,
      )
    }
    if (!Number.isSafeInteger(total) || total < 0 || total > maxMessagesRead) {
      throw inconsistent(
        `perform.chat reports ${count(total)} messages in ${where}; the dashboard reads at most ${count(maxMessagesRead)}.`,
      )
    }
    const expected = Math.ceil(total / messagePageLimit)
    if (totalPages !== expected && !(total === 0 && totalPages <= 1)) {
      throw inconsistent(
        `perform.chat says the ${count(total)} messages of ${where} fill ${count(totalPages)} pages of ${messagePageLimit}, which would be ${count(expected)}.`,
      )
    }
    return { messages: answer.data, total, totalPages }
  }
}

/** Every message of the conversation once; `width` pages after the first at a time. */
export async function readAllMessages(
  fetchPage: FetchMessagePage,
  signal: AbortSignal,
  width: number,
): Promise<{ messages: Message[]; total: number }> {
  for (let read = 0; ; read++) {
    const first = await fetchPage(1, signal)
    const byId = new Map(first.messages.map((message) => [message.id, message]))
    const totals = new Set([first.total])
    let next = 2
    await runPool(
      { next: () => (next <= first.totalPages ? next++ : undefined) },
      () => width,
      signal,
      async (page, pageSignal) => {
        const answer = await fetchPage(page, pageSignal)
        totals.add(answer.total)
        for (const message of answer.messages) byId.set(message.id, message)
      },
    )
    if (totals.size === 1 || read === extraReads)
      return { messages: [...byId.values()], total: first.total }
  }
}
