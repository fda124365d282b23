import { test, expect } from './fixtures.ts'
import { byLastActivity } from './expected.ts'
import { table, waitForCompleteList } from './table.ts'
import { messagesOf } from '../mocks/messages.ts'

const bodyRow = (page: import('@playwright/test').Page, n: number) =>
  table(page).getByRole('row').nth(n)

test('a click opens the conversation, and Back returns to the same list view', async ({
  page,
  upstream,
}) => {
  const expected = byLastActivity(upstream.db.conversations)
  const target = expected[21]
  await page.goto('/?page=2')
  await waitForCompleteList(page)
  await bodyRow(page, 2).getByRole('cell').first().click()

  // The conversation's URL carries the list's query string, so a link opens both.
  await expect(page).toHaveURL(new RegExp(`/conversations/${target?.id ?? ''}\\?page=2$`))
  const region = page.getByRole('region', { name: target?.title?.trim() ?? '' })
  await expect(region.getByRole('heading', { level: 1 })).toHaveText(target?.title?.trim() ?? '')

  await page.goBack()
  await expect(page).toHaveURL(/\/\?page=2$/)
  await expect(page.getByText(/^Page 2 of /)).toBeVisible()
  await expect(bodyRow(page, 2)).toBeFocused()
})

test('the keyboard moves between rows, Enter opens, Escape closes and focus returns', async ({
  page,
  upstream,
}) => {
  const expected = byLastActivity(upstream.db.conversations)
  await page.goto('/?q=request')
  await waitForCompleteList(page)
  await bodyRow(page, 1).focus()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(bodyRow(page, 3)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(bodyRow(page, 2)).toBeFocused()
  await page.keyboard.press('Enter')

  const opened = expected.filter((c) => (c.title ?? '').toLowerCase().includes('request'))[1]
  await expect(page).toHaveURL(new RegExp(`/conversations/${opened?.id ?? ''}\\?q=request$`))
  const region = page.getByRole('region', { name: opened?.title?.trim() ?? '', exact: true })
  await expect(region.getByRole('heading', { level: 1 })).toHaveText(opened?.title?.trim() ?? '')
  await page.keyboard.press('Escape')
  await expect(page).toHaveURL(/\/\?q=request$/)
  await expect(bodyRow(page, 2)).toBeFocused()
})

test('a direct link shows every message of a long conversation, in order', async ({
  page,
  upstream,
}) => {
  const long = upstream.db.conversations[1]
  expect(long?.message_count).toBeGreaterThan(100)
  if (!long) return
  const messages = messagesOf(upstream.db, long).toSorted(
    (a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || a.id.localeCompare(b.id),
  )
  await page.goto(`/conversations/${long.id}`)
  const transcript = page.getByRole('region', { name: long.title?.trim() ?? '' }).getByRole('list')
  await expect(transcript.getByRole('listitem')).toHaveCount(messages.length)
  await expect(transcript.getByRole('listitem').first()).toContainText(
    messages[0]?.content?.split('\n')[0] ?? '',
  )
  await expect(transcript.getByRole('listitem').last()).toContainText(
    messages.at(-1)?.content?.split('\n')[0] ?? '',
  )
  await page.getByRole('button', { name: 'Close' }).click()
  await expect(page).toHaveURL(/\/$/)
})

test('an unknown conversation says so and leads back to the list', async ({ page }) => {
  await page.goto('/conversations/conv_does_not_exist')
  await expect(page.getByRole('heading', { name: 'Conversation not found' })).toBeVisible()
  await page.getByRole('link', { name: 'Back to conversations' }).click()
  await waitForCompleteList(page)
})

test('a customer chosen by name filters the list to their conversations', async ({
  page,
  upstream,
}) => {
  const customer = upstream.db.customers.find(
    (c) => c.name && upstream.db.conversations.some((v) => v.customer_user_id === c.id),
  )
  const count = upstream.db.conversations.filter((c) => c.customer_user_id === customer?.id).length
  await page.goto('/')
  await waitForCompleteList(page)
  const input = page.getByRole('combobox', { name: 'Customer' })
  await input.fill(customer?.name?.slice(0, 6) ?? '')
  await page.getByRole('option', { name: new RegExp(customer?.email ?? '') }).click()
  await expect(page).toHaveURL(new RegExp(`[?&]customer=${customer?.id ?? ''}(&|$)`))
  await expect(page.getByText(`${count} conversation${count === 1 ? '' : 's'}`)).toBeVisible()
})

test('the customer in a conversation links to their filtered list', async ({ page, upstream }) => {
  const conversation = upstream.db.conversations.find((c) => c.customer_user_id)
  const customer = upstream.db.customers.find((c) => c.id === conversation?.customer_user_id)
  await page.goto(`/conversations/${conversation?.id ?? ''}`)
  await page.getByRole('link', { name: new RegExp(customer?.name ?? 'cu_') }).click()
  await expect(page).toHaveURL(new RegExp(`/\\?customer=${customer?.id ?? ''}$`))
  await waitForCompleteList(page)
})
