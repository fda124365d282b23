import { act, screen, waitFor, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { conversationRow } from '../test/fake-api.ts'
import { renderApp, serveConversations } from '../test/render-app.tsx'

const WIDE = 1440
const NARROW = 1024

// 25 conversations: page 1 holds c01–c20, page 2 c21–c25.
const rows = Array.from({ length: 25 }, (_, i) => {
  const id = `c${String(i + 1).padStart(2, '0')}`
  return conversationRow(id, 120 + i, { title: `Question ${id}` })
})

const table = () => screen.getByRole('table', { name: 'Conversations' })
const rowOf = (title: string) => {
  const row = within(table()).getByText(title).closest('tr')
  if (!row) throw new Error(`no row holds ${title}`)
  return row
}
const pane = (title: string) => screen.findByRole('region', { name: title })
const path = () => window.location.pathname + window.location.search

test('wide: a click opens the conversation beside the table, its row marked current', async () => {
  serveConversations(rows)
  const { user } = renderApp('/?sort=title', WIDE)
  expect(await screen.findByText('No conversation open')).toBeVisible()
  await user.click(await screen.findByText('Question c03'))

  const region = await pane('Question c03')
  expect(within(region).getByRole('heading', { level: 1 })).toHaveFocus()
  expect(within(region).getByRole('button', { name: 'Close' })).toBeVisible()
  expect(await within(region).findByText('The first message of c03')).toBeVisible()
  await expect.poll(path).toBe('/conversations/c03?sort=title')
  expect(table()).toBeVisible()
  expect(rowOf('Question c03')).toHaveAttribute('aria-current', 'true')
  expect(rowOf('Question c02')).not.toHaveAttribute('aria-current')
  expect(screen.queryByText('No conversation open')).not.toBeInTheDocument()
})

test('wide: j and k open the next and previous conversation, across a page boundary', async () => {
  serveConversations(rows)
  const { user } = renderApp('/', WIDE)
  await user.click(await screen.findByText('Question c19'))
  await pane('Question c19')

  await user.keyboard('j')
  expect(await pane('Question c20')).toBeVisible()
  await expect.poll(path).toBe('/conversations/c20')
  await user.keyboard('j')
  expect(await pane('Question c21')).toBeVisible()
  await expect.poll(path).toBe('/conversations/c21?page=2')
  expect(await screen.findByText('Page 2 of 2')).toBeVisible()
  await waitFor(() => expect(rowOf('Question c21')).toHaveAttribute('aria-current', 'true'))

  await user.keyboard('k')
  expect(await pane('Question c20')).toBeVisible()
  await expect.poll(path).toBe('/conversations/c20')
  expect(await screen.findByText('Page 1 of 2')).toBeVisible()
  // Reading on replaces the entry: Back leaves the conversations for the list.
  expect(window.history.state).toEqual({ fromList: '' })
})

test('wide: Escape closes the pane and gives focus back to the row', async () => {
  serveConversations(rows)
  const { user } = renderApp('/?q=question', WIDE)
  await user.click(await screen.findByText('Question c02'))
  await pane('Question c02')
  const heading = screen.getByRole('heading', { name: 'Question c02' })
  await waitFor(() => expect(heading).toHaveFocus())

  await user.keyboard('{Escape}')
  await waitFor(() => expect(path()).toBe('/?q=question'))
  expect(screen.queryByRole('region', { name: 'Question c02' })).not.toBeInTheDocument()
  await waitFor(() => expect(rowOf('Question c02')).toHaveFocus())
  expect(rowOf('Question c02')).not.toHaveAttribute('aria-current')
})

test('wide: Close closes the pane and gives focus back to the row', async () => {
  serveConversations(rows)
  const { user } = renderApp('/conversations/c05', WIDE)
  const region = await pane('Question c05')
  await user.click(within(region).getByRole('button', { name: 'Close' }))
  await waitFor(() => expect(path()).toBe('/'))
  await waitFor(() => expect(rowOf('Question c05')).toHaveFocus())
})

test('wide: a link with the list query opens that list and the conversation together', async () => {
  serveConversations(rows)
  renderApp('/conversations/c22?page=2', WIDE)
  const region = await pane('Question c22')
  expect(within(region).getByRole('heading', { level: 1 })).toHaveFocus()
  expect(await screen.findByText('Page 2 of 2')).toBeVisible()
  await waitFor(() => expect(rowOf('Question c22')).toHaveAttribute('aria-current', 'true'))
})

test('wide: j with no conversation open opens the first row', async () => {
  serveConversations(rows)
  const { user } = renderApp('/', WIDE)
  await screen.findByText('Question c01')
  act(() => (document.activeElement as HTMLElement | null)?.blur())
  await user.keyboard('j')
  expect(await pane('Question c01')).toBeVisible()
})

test('narrow: a conversation opens instead of the list, and Close brings the list back', async () => {
  serveConversations(rows)
  const { user } = renderApp('/?sort=title', NARROW)
  await user.click(await screen.findByText('Question c04'))

  const region = await pane('Question c04')
  expect(screen.queryByRole('table')).not.toBeInTheDocument()
  expect(screen.queryByText('No conversation open')).not.toBeInTheDocument()
  await expect.poll(path).toBe('/conversations/c04?sort=title')
  await user.click(within(region).getByRole('button', { name: 'Close' }))
  await waitFor(() => expect(rowOf('Question c04')).toHaveFocus())
  await expect.poll(path).toBe('/?sort=title')
})
