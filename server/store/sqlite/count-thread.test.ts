import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { conversation, NO_FILTERS } from '../store-suite-fixtures.ts'
import type { Store } from '../store.ts'
import { createCountThread, type CountThread } from './count-thread.ts'
import { openSqliteStore } from './sqlite-store.ts'

const slowWorker = new URL('../../testing/slow-count-worker.ts', import.meta.url)
const opened: { close: () => Promise<void> }[] = []
afterEach(async () => {
  for (const thing of opened.splice(0)) await thing.close()
})

const keep = <T extends Store | CountThread>(thing: T) => (opened.push(thing), thing)
const filters = (q: string) => ({ ...NO_FILTERS, q })
const neverInline = () => {
  throw new Error('counted on the event loop')
}

async function filledFile() {
  const path = join(mkdtempSync(join(tmpdir(), 'count-thread-')), 'mirror.sqlite')
  const store = keep(await openSqliteStore({ path }))
  const titles = ['Refund for order 1', 'Réfund, again', 'Invoice question', 'REFUND please']
  await store.upsertConversations(
    Array.from({ length: 240 }, (_, i) =>
      conversation(`c${i}`, { title: titles[i % titles.length] ?? null }),
    ),
  )
  return { path, store }
}

test('counts on a thread of its own agree with the store, and see what was written since', async () => {
  const { path, store } = await filledFile()
  const thread = keep(createCountThread({ path, inline: neverInline }))
  expect(await thread.count(filters('refund'))).toBe(180)
  expect(await thread.count(filters('invoice'))).toBe(60)
  expect(await thread.count(NO_FILTERS)).toBe(240)
  await store.upsertConversations([conversation('new', { title: 'Refund, new' })])
  expect(await thread.count(filters('refund'))).toBe(181)
  // The store's own counts go through its thread as well, with the same answers.
  expect(await store.countConversations(filters('refund'))).toBe(181)
})

test('the event loop stays free while a count runs', async () => {
  const thread = keep(
    createCountThread({ path: 'unused', inline: neverInline, workerUrl: slowWorker }),
  )
  const order: string[] = []
  const counted = thread.count(filters('r')).then(() => order.push('count answered'))
  await new Promise((resolve) => setTimeout(resolve, 0)).then(() => order.push('timer ran'))
  await counted
  expect(order).toEqual(['timer ran', 'count answered'])
})

test('a count whose caller has gone is dropped before it starts', async () => {
  const thread = keep(
    createCountThread({ path: 'unused', inline: neverInline, workerUrl: slowWorker }),
  )
  const gone = new AbortController()
  const first = thread.count(filters('r'))
  const replaced = thread.count(filters('re'), gone.signal)
  const last = thread.count(filters('ref'))
  gone.abort(new Error('the page asked for another search'))
  await expect(replaced).rejects.toThrow('the page asked for another search')
  expect(await first).toBe(1)
  // The worker answers with how many requests reached it: the dropped one never did.
  expect(await last).toBe(2)
})

test('a count still running after its caller has gone is stopped, with its thread', async () => {
  const thread = keep(
    createCountThread({ path: 'unused', inline: neverInline, workerUrl: slowWorker }),
  )
  const gone = new AbortController()
  const abandoned = thread.count(filters('r'), gone.signal)
  gone.abort(new Error('the page asked for another search'))
  await expect(abandoned).rejects.toThrow('the page asked for another search')
  // A new thread answers, asked once so far; the stopped one would have said 2, and only
  // once its 300 ms were up.
  expect(await thread.count(filters('re'))).toBe(1)
})

test('a thread that cannot start leaves counts on the event loop, and says so once', async () => {
  const warnings: string[] = []
  const thread = keep(
    createCountThread({
      path: 'unused',
      inline: (asked) => asked.q.length,
      onFailure: (error) => warnings.push(error.message),
      workerUrl: new URL('./no-such-worker.js', import.meta.url),
    }),
  )
  expect(await thread.count(filters('refund'))).toBe(6)
  expect(await thread.count(filters('re'))).toBe(2)
  expect(warnings).toHaveLength(1)
})
