import { afterEach, expect, test } from 'vitest'
import { fakeConversation } from '../testing/crawl-test-upstream.ts'
import { createMemoryStore } from '../testing/memory-store.ts'
import { allSearched, setupMessageSync } from '../testing/message-sync-setup.ts'
import { fakeMessages } from '../testing/message-test-upstream.ts'
import { upstreamErrors } from '../upstream/errors.ts'
import type { Sync } from './sync.ts'
import { fetchTranscript } from './transcript.ts'

const running: Sync[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((sync) => sync.stop()))
})

async function setup(options: Parameters<typeof setupMessageSync>[0]) {
  const setup = await setupMessageSync(options)
  running.push(setup.sync)
  return setup
}

const contents = (messages: readonly { content?: string | null }[] | null) =>
  messages?.map((message) => message.content)

test('reads every conversation’s messages once the list is complete, most recently active first', async () => {
  const { sync, store, upstream, until, statuses } = await setup({
    conversations: 300,
    latencyMs: 20,
  })
  sync.start()
  await until(allSearched)
  expect(upstream.requests.every((request) => request.priority === 'background')).toBe(true)
  expect(upstream.requests.slice(0, 4).map((request) => request.id)).toEqual([
    'conv_300',
    'conv_299',
    'conv_298',
    'conv_297',
  ])
  expect(contents(await store.getMessages('conv_27'))).toEqual(
    contents(fakeMessages(fakeConversation(27))),
  )
  expect(new Set(upstream.requests.map((request) => request.id)).size).toBe(300)
  // The page learns how far the search reaches while it grows.
  const searched = statuses.map((status) => status.messages?.searched ?? 0)
  expect(searched.some((n) => n > 0 && n < 300)).toBe(true)
  expect(sync.status().messages).toEqual({ searched: 300, total: 300 })
})

test('starts no message read before the first complete list', async () => {
  const { sync, upstream, until, clock } = await setup({ conversations: 2000, latencyMs: 50 })
  sync.start()
  const complete = await until((status) => status.complete)
  const doneAt = clock.now()
  await clock.advance(1000)
  expect(complete.loaded).toBe(2000)
  expect(upstream.requests.length).toBeGreaterThan(0)
  expect(upstream.requests.every((request) => request.at >= doneAt)).toBe(true)
})

test('reads only new and changed conversations, and nothing current again after a restart', async () => {
  const store = createMemoryStore()
  const first = await setup({ conversations: 200, store })
  first.sync.start()
  await first.until(allSearched)
  await first.sync.stop()

  const second = await setup({ conversations: 200, store, clock: first.clock })
  const changed = second.list.conversations.findIndex((row) => row.id === 'conv_10')
  second.list.conversations[changed] = {
    ...fakeConversation(10),
    message_count: 11,
    updated_at: '2025-06-01T00:00:00.000Z',
  }
  second.list.insertAtHead(2)
  second.sync.start()
  // The head refresh finds the new ones at once, and the message sync follows it.
  await second.until((status) => status.loaded === 202)
  const foundAt = second.clock.now()
  await second.until(allSearched)
  expect(second.clock.now() - foundAt).toBeLessThan(1000)
  // The changed one shows in the next full pass, a TTL after the last one began.
  await second.clock.advance(3 * 60_000)
  expect(second.upstream.requests.map((request) => request.id).sort()).toEqual([
    'conv_10',
    'conv_201',
    'conv_202',
  ])
  expect(await store.getMessages('conv_10')).toHaveLength(11)
  expect(second.sync.status().messages).toEqual({ searched: 202, total: 202 })
})

test('a sync stopped half way resumes where it stopped', async () => {
  const store = createMemoryStore()
  const first = await setup({ conversations: 400, store, concurrency: 4 })
  first.sync.start()
  await first.until((status) => (status.messages?.searched ?? 0) >= 150)
  await first.sync.stop()
  const readBefore = new Set(store.messageWrites.map((write) => write.id))

  const second = await setup({ conversations: 400, store, clock: first.clock, concurrency: 4 })
  second.sync.start()
  await second.until(allSearched)
  const readAgain = second.upstream.requests.filter((request) => readBefore.has(request.id))
  expect(readBefore.size).toBeGreaterThanOrEqual(150)
  expect(readAgain).toEqual([])
  expect(second.upstream.requests).toHaveLength(400 - readBefore.size)
})

test('keeps the list fresh and the interactive share free while messages are behind', async () => {
  // 80 crawl calls a minute for 5,000 conversations' messages: an hour of backlog.
  const { sync, list, store, upstream, limiter, clock, until } = await setup({
    conversations: 5000,
    perMinute: 100,
  })
  sync.start()
  await until((status) => status.complete && !status.syncing)
  await clock.advance(30_000)
  list.insertAtHead(1)
  const insertedAt = clock.now()
  let messagesWaiting = 0
  await clock.runUntil(
    new Promise<void>((resolve) => {
      const stop = sync.onStatus(() => {
        if (!store.ids('conversations').includes('conv_5001')) return
        messagesWaiting = limiter.stats().queued.background
        stop()
        resolve()
      })
    }),
  )
  // The head refresh comes a TTL after the last one, past the message reads still queued.
  expect(clock.now() - insertedAt).toBeLessThanOrEqual(31_000)
  expect(messagesWaiting).toBeGreaterThan(0)
  expect(upstream.requests.length).toBeGreaterThan(0)
  const askedAt = clock.now()
  const transcript = await clock.runUntil(
    fetchTranscript({ store, upstream }, 'conv_4013', new AbortController().signal),
  )
  expect(transcript).toHaveLength(13)
  expect(clock.now()).toBe(askedAt)
  expect(limiter.stats().queued.background).toBeGreaterThan(0)
})

test('a 429’s Retry-After pauses the message reads, then they go on', async () => {
  let refused = false
  const { sync, upstream, until, clock } = await setup({
    conversations: 300,
    before: ({ page, id }) => {
      if (refused || id !== 'conv_290' || page !== 1) return
      refused = true
      throw upstreamErrors.rateLimited(30)
    },
  })
  sync.start()
  const waiting = await until((status) => status.wait !== null)
  const refusedAt = clock.now()
  expect(waiting.wait).toEqual({ reason: 'rate_limit', retry_after_seconds: 30 })
  await until(allSearched)
  const after = upstream.requests.filter((request) => request.at > refusedAt)
  expect(after[0]?.at).toBe(refusedAt + 30_000)
  expect(upstream.reads('conv_290')).toBe(2)
  expect(sync.status().wait).toBeNull()
})

test('skips a conversation deleted upstream, whose messages go when the list’s next pass deletes it', async () => {
  const { sync, list, store, upstream, until } = await setup({ conversations: 300 })
  sync.start()
  await until((status) => status.complete)
  // conv_1 is the least recently active: its messages are read last, after it is gone.
  const gone = new Set(['conv_1', 'conv_250'])
  await until((status) => (status.messages?.searched ?? 0) >= 100)
  list.conversations = list.conversations.filter((row) => !gone.has(row.id))
  await until((status) => status.messages?.searched === 299)
  expect(await store.getMessages('conv_250')).not.toBeNull()
  expect(await store.getMessages('conv_1')).toBeNull()
  expect(sync.status().messages).toEqual({ searched: 299, total: 300 })
  await until((status) => status.loaded === 298)
  expect(await store.getMessages('conv_250')).toBeNull()
  expect(sync.status().messages).toEqual({ searched: 298, total: 298 })
  expect(upstream.reads('conv_1')).toBe(1)
})

test('asks again for messages perform.chat refused only once their conversation changes', async () => {
  const { sync, list, upstream, until, clock } = await setup({
    conversations: 100,
    before: ({ id }) => {
      if (id === 'conv_5') throw upstreamErrors.status(404, '{"message":"Not found"}')
    },
  })
  sync.start()
  await until((status) => status.messages?.searched === 99)
  // Three full passes and head refreshes later, each waking the message sync.
  list.insertAtHead(1)
  await clock.advance(3 * 60_000)
  expect(upstream.reads('conv_5')).toBe(1)
  const at = list.conversations.findIndex((row) => row.id === 'conv_5')
  list.conversations[at] = { ...fakeConversation(5), updated_at: '2025-06-01T00:00:00.000Z' }
  await clock.advance(2 * 60_000)
  expect(upstream.reads('conv_5')).toBe(2)
  expect(sync.status().messages).toEqual({ searched: 100, total: 101 })
})

test('fetchTranscript reads every page at interactive priority and stores them', async () => {
  const long = fakeConversation(7)
  const { store, upstream, clock } = await setup({
    conversations: 10,
    messagesOf: (row) => fakeMessages(row.id === long.id ? { ...row, message_count: 250 } : row),
  })
  await store.upsertConversations([long])
  const signal = new AbortController().signal
  const messages = await clock.runUntil(fetchTranscript({ store, upstream }, long.id, signal))
  expect(messages).toHaveLength(250)
  expect(messages.at(-1)?.content).toBe('Message 250 of conv_7')
  expect(upstream.requests.map((request) => [request.page, request.priority])).toEqual([
    [1, 'interactive'],
    [2, 'interactive'],
    [3, 'interactive'],
  ])
  expect(await store.getMessages(long.id)).toEqual(messages)
  expect(await store.messagesCurrent(long.id)).toBe(true)
  expect(await store.messageSyncCandidates(10)).toEqual([])
})

test('fetchTranscript shows a conversation the mirror does not hold yet, storing nothing', async () => {
  const { store, upstream, clock } = await setup({ conversations: 10 })
  const signal = new AbortController().signal
  const messages = await clock.runUntil(fetchTranscript({ store, upstream }, 'conv_9', signal))
  expect(contents(messages)).toEqual(contents(fakeMessages(fakeConversation(9))))
  expect(await store.getMessages('conv_9')).toBeNull()
})
