import { expect, test } from 'vitest'
import type { Message } from '../../src/lib/contract.ts'
import type { UpstreamClient } from '../upstream/client.ts'
import {
  messagePageFetcher,
  readAllMessages,
  type FetchMessagePage,
  type MessagePage,
} from './message-pages.ts'

const message = (n: number): Message => ({
  id: `m${n}`,
  content: `Message ${n}`,
  role: 'user',
  conversation_id: 'c1',
  created_at: new Date(n * 1000).toISOString(),
})

/** Pages of 100 over `count()` messages, oldest first, as perform.chat pages them. */
function pagesOver(count: () => number) {
  const asked: number[] = []
  const fetchPage: FetchMessagePage = (page) => {
    asked.push(page)
    const total = count()
    const all = Array.from({ length: total }, (_, i) => message(i + 1))
    const answer: MessagePage = {
      messages: all.slice((page - 1) * 100, page * 100),
      total,
      totalPages: Math.ceil(total / 100),
    }
    return Promise.resolve(answer)
  }
  return { asked, fetchPage }
}

const signal = new AbortController().signal

test('reads every page of a long conversation once', async () => {
  const { asked, fetchPage } = pagesOver(() => 250)
  const { messages, total } = await readAllMessages(fetchPage, signal, 4)
  expect(total).toBe(250)
  expect(messages.map((m) => m.id)).toEqual(Array.from({ length: 250 }, (_, i) => `m${i + 1}`))
  expect(asked.sort()).toEqual([1, 2, 3])
})

test('reads again from page 1 when a message arrived during the read', async () => {
  let total = 250
  const { asked, fetchPage } = pagesOver(() => total)
  const moving: FetchMessagePage = async (page, pageSignal) => {
    const answer = await fetchPage(page, pageSignal)
    if (asked.length === 2) total = 251
    return answer
  }
  const { messages } = await readAllMessages(moving, signal, 1)
  expect(asked).toEqual([1, 2, 3, 1, 2, 3])
  expect(messages).toHaveLength(251)
})

function answering(body: unknown): Pick<UpstreamClient, 'get'> {
  return { get: (_path, request) => Promise.resolve(request.schema.parse(body)) }
}

test('a page count that does not follow from the total is an error, not 10,000s of requests', async () => {
  const upstream = answering({
    data: [message(1)],
    pagination: { page: 1, limit: 100, total: 1, total_pages: 40_000 },
  })
  const fetchPage = messagePageFetcher(upstream, 'c1', 'background')
  await expect(readAllMessages(fetchPage, signal, 1)).rejects.toMatchObject({
    code: 'upstream_inconsistent',
    retryable: false,
    message: expect.stringContaining('1 messages of conversation c1 fill 40,000 pages') as string,
  })
})

test('asks for the conversation’s own path, 100 a page, at the priority given', async () => {
  const calls: unknown[] = []
  const upstream: Pick<UpstreamClient, 'get'> = {
    get: (path, request) => {
      calls.push([path, request.query, request.priority])
      return Promise.resolve(
        request.schema.parse({
          data: [],
          pagination: { page: 1, limit: 100, total: 0, total_pages: 0 },
        }),
      )
    },
  }
  const read = await readAllMessages(messagePageFetcher(upstream, 'a b', 'interactive'), signal, 4)
  expect(read).toEqual({ messages: [], total: 0 })
  expect(calls).toEqual([['/conversations/a%20b/messages', { page: 1, limit: 100 }, 'interactive']])
})
