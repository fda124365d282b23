import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http } from 'msw'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import type { Message } from '../../lib/contract.ts'
import {
  apiError,
  message,
  messagesHandler,
  renderConversation,
  server,
  threeMessages,
} from './conversation-test-server.tsx'

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** 250 messages, two per minute so ids must break ties; served newest first. */
function longConversation(): Message[] {
  const start = Date.parse('2025-03-10T09:00:00.000Z')
  const ordered = Array.from({ length: 250 }, (_, i) =>
    message(
      `msg_${String(i).padStart(3, '0')}`,
      i % 2 === 0 ? 'user' : 'assistant',
      `Message number ${i}`,
      new Date(start + Math.floor(i / 2) * 60_000).toISOString(),
    ),
  )
  return ordered.reverse()
}

test('loads every page of a 250-message conversation, ordered by created_at then id', async () => {
  const requested: string[] = []
  let releasePageTwo = () => {}
  const pageTwo = new Promise<void>((resolve) => (releasePageTwo = resolve))
  server.use(
    messagesHandler(longConversation(), (url) => {
      requested.push(url.search)
      return url.searchParams.get('page') === '2' ? pageTwo : undefined
    }),
  )
  renderConversation()
  expect(await screen.findByRole('status')).toHaveTextContent('Loading messages… (100 of 250)')
  expect(screen.getAllByRole('article')).toHaveLength(100)

  releasePageTwo()
  // A 250-item accessibility tree is slow to query in jsdom: wait on the small status.
  await waitFor(() => expect(screen.getByRole('status')).toBeEmptyDOMElement())
  expect(requested).toEqual(['?page=1&limit=100', '?page=2&limit=100', '?page=3&limit=100'])
  const order = screen
    .getAllByRole('article')
    .map((article) => /Message number (\d+)$/.exec(article.textContent)?.[1])
  expect(order).toEqual(Array.from({ length: 250 }, (_, i) => String(i)))
})

test('labels customer and agent messages, each with its time', async () => {
  renderConversation()
  const list = await screen.findByRole('list')
  const articles = await within(list).findAllByRole('article')
  expect(articles).toHaveLength(3)
  const [first, second] = articles
  expect(first).toHaveAccessibleName(expect.stringMatching(/^Customer \S/))
  expect(second).toHaveAccessibleName(expect.stringMatching(/^Agent \S/))
  for (const [i, article] of articles.entries()) {
    expect(within(article).getByRole('time')).toHaveAttribute(
      'datetime',
      threeMessages[i]?.created_at,
    )
  }
})

test('shows markup in a message as literal text and keeps its line breaks', async () => {
  const content = '<b>not bold</b>\n<img src=x onerror="alert(1)">\n\n  indented line'
  server.use(messagesHandler([message('msg_1', 'user', content, '2025-03-10T09:00:00.000Z')]))
  renderConversation()
  const article = await screen.findByRole('article', { name: /^Customer/ })
  expect(within(article).getByText(content, { normalizer: (text) => text })).toBeVisible()
  expect(within(article).queryByRole('img')).not.toBeInTheDocument()
})

test('shows an alert when messages fail to load, and Retry recovers', async () => {
  server.use(
    http.get('*/api/conversations/:id/messages', () =>
      apiError(502, 'upstream_error', 'perform.chat did not answer within 10 s.'),
    ),
  )
  renderConversation()
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'perform.chat did not answer within 10 s.',
  )
  server.resetHandlers()
  await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
  expect(await screen.findAllByRole('article')).toHaveLength(3)
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
})

test('keeps the first page and resumes from the failed one when a later page fails', async () => {
  let failPageTwo = true
  server.use(
    messagesHandler(longConversation(), (url) => {
      if (failPageTwo && url.searchParams.get('page') === '2') {
        return apiError(500, 'upstream_error', 'perform.chat answered with HTTP 500.')
      }
      return undefined
    }),
  )
  renderConversation()
  expect(await screen.findByRole('alert')).toHaveTextContent('perform.chat answered with HTTP 500.')
  expect(screen.getAllByRole('article')).toHaveLength(100)
  failPageTwo = false
  await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
  await waitFor(() => expect(screen.getByRole('status')).toBeEmptyDOMElement(), { timeout: 5000 })
  expect(screen.getAllByRole('article')).toHaveLength(250)
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
})

test('waits out a rate limit and goes on loading by itself', async () => {
  let limited = true
  server.use(
    messagesHandler(threeMessages, () => {
      if (!limited) return undefined
      limited = false
      return apiError(429, 'rate_limited', 'The rate limit is reached.', { 'Retry-After': '0' })
    }),
  )
  renderConversation()
  expect(await screen.findAllByRole('article')).toHaveLength(3)
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
})

test('says so when the conversation has no messages', async () => {
  server.use(messagesHandler([]))
  renderConversation()
  expect(await screen.findByText('No messages in this conversation')).toBeVisible()
  expect(screen.queryByRole('list')).not.toBeInTheDocument()
})
