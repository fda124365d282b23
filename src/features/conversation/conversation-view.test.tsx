import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest'
import { apiError, conversation, renderConversation, server } from './conversation-test-server.tsx'

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterEach(() => {
  server.resetHandlers()
  vi.restoreAllMocks()
})
afterAll(() => server.close())

test('shows the title as the heading of a region with the conversation details', async () => {
  renderConversation()
  const heading = await screen.findByRole('heading', { level: 1, name: 'Refund for order #1042' })
  const region = screen.getByRole('region', { name: 'Refund for order #1042' })
  expect(region).toContainElement(heading)
  expect(await within(region).findByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute(
    'href',
    '/?customer=cu_7',
  )
  expect(within(region).getByText('ada@example.com')).toBeVisible()
  expect(within(region).getByText('3 h 12 min')).toBeVisible()
  const times = within(region)
    .getAllByRole('time')
    .map((time) => time.getAttribute('datetime'))
  expect(times).toEqual(expect.arrayContaining([conversation.created_at, conversation.updated_at]))
})

test('moves focus to the heading once the conversation has loaded', async () => {
  renderConversation()
  expect(await screen.findByRole('heading', { name: 'Refund for order #1042' })).toHaveFocus()
})

test('calls a conversation with a blank title "Untitled conversation"', async () => {
  server.use(
    http.get('*/api/conversations/:id', () => HttpResponse.json({ ...conversation, title: ' ' })),
  )
  renderConversation()
  expect(await screen.findByRole('region', { name: 'Untitled conversation' })).toBeInTheDocument()
})

test('shows the customer id as the link when the mirror does not know the customer', async () => {
  server.use(
    http.get('*/api/conversations/:id', () =>
      HttpResponse.json({ ...conversation, customer_name: null, customer_email: null }),
    ),
  )
  renderConversation()
  const link = await screen.findByRole('link', { name: 'cu_7' })
  expect(link).toHaveAttribute('href', '/?customer=cu_7')
  expect(screen.queryByText('ada@example.com')).not.toBeInTheDocument()
})

test('names a customer without a name by their email, as the list does', async () => {
  server.use(
    http.get('*/api/conversations/:id', () =>
      HttpResponse.json({ ...conversation, customer_name: '  ' }),
    ),
  )
  renderConversation()
  expect(await screen.findByRole('link', { name: 'ada@example.com' })).toHaveAttribute(
    'href',
    '/?customer=cu_7',
  )
  expect(screen.getByText('cu_7')).toBeVisible()
})

test('the customer link opens the list filtered to that customer', async () => {
  renderConversation()
  await userEvent.click(await screen.findByRole('link', { name: 'Ada Lovelace' }))
  await expect.poll(() => window.location.pathname + window.location.search).toBe('/?customer=cu_7')
})

test('shows a not-found state with a way back for an unknown conversation', async () => {
  renderConversation('conv_missing')
  expect(await screen.findByRole('heading', { name: 'Conversation not found' })).toHaveFocus()
  await userEvent.click(screen.getByRole('link', { name: 'Back to conversations' }))
  await expect.poll(() => window.location.pathname).toBe('/')
})

test('shows an alert with Retry when the conversation fails to load, and Retry recovers', async () => {
  server.use(
    http.get('*/api/conversations/:id', () =>
      apiError(502, 'upstream_error', 'perform.chat answered with an error (HTTP 500).'),
    ),
  )
  renderConversation()
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'perform.chat answered with an error (HTTP 500).',
  )
  server.resetHandlers()
  await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
  expect(await screen.findByRole('heading', { name: 'Refund for order #1042' })).toBeVisible()
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
})

test('Close goes back in history when the list opened the conversation', async () => {
  const back = vi.spyOn(window.history, 'back').mockImplementation(() => undefined)
  renderConversation(conversation.id, {
    historyState: { fromList: '?q=refund&page=2' },
    search: '?q=refund&page=2',
  })
  await userEvent.click(await screen.findByRole('button', { name: 'Close' }))
  expect(back).toHaveBeenCalledTimes(1)
})

test('Close opens the list as the URL has it when its view moved since it was opened', async () => {
  const back = vi.spyOn(window.history, 'back')
  renderConversation(conversation.id, {
    historyState: { fromList: '?q=refund' },
    search: '?q=refund&page=2',
  })
  await userEvent.click(await screen.findByRole('button', { name: 'Close' }))
  expect(back).not.toHaveBeenCalled()
  await expect
    .poll(() => window.location.pathname + window.location.search)
    .toBe('/?q=refund&page=2')
})

test('Escape closes like the Close button', async () => {
  const back = vi.spyOn(window.history, 'back').mockImplementation(() => undefined)
  renderConversation(conversation.id, { historyState: { fromList: '' } })
  await screen.findByRole('heading', { name: 'Refund for order #1042' })
  await userEvent.keyboard('{Escape}')
  expect(back).toHaveBeenCalledTimes(1)
})

test('Close opens the list when the conversation was loaded directly', async () => {
  const back = vi.spyOn(window.history, 'back')
  renderConversation()
  await userEvent.click(await screen.findByRole('button', { name: 'Close' }))
  expect(back).not.toHaveBeenCalled()
  await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/'))
})
