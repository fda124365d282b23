import type { Conversation } from '../src/lib/contract.ts'
import { expectNoViolations } from './axe.ts'
import { test, expect } from './fixtures.ts'
import { byLastActivity } from './expected.ts'
import { table, waitForCompleteList } from './table.ts'

test('the list has no accessibility violations, in light and dark', async ({ page }) => {
  await page.goto('/')
  await waitForCompleteList(page)
  await expectNoViolations(page)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectNoViolations(page)
})

/** A conversation of a few messages: axe reads every element, and the machine is shared. */
const isShort = (c: Conversation) => (c.message_count ?? 0) > 3 && (c.message_count ?? 0) < 20

test('a filtered and sorted list has no accessibility violations', async ({ page, upstream }) => {
  const customer = byLastActivity(upstream.db.conversations)[0]?.customer_user_id ?? ''
  await page.goto(`/?customer=${customer}&sort=title`)
  await waitForCompleteList(page)
  await expect(table(page).getByRole('columnheader', { name: 'Title' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  )
  await expectNoViolations(page)
})

test.describe(() => {
  test.use({ upstreamFaults: { latencyMs: 1500 } })
  test('the loading state has no accessibility violations', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByRole('progressbar', { name: 'Loading conversations' })).toBeVisible()
    await expectNoViolations(page)
  })
})

test.describe(() => {
  test.use({ upstreamFaults: { status500: 1_000_000 } })
  test('the error state has no accessibility violations', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByRole('alert')).toBeVisible({ timeout: 45_000 })
    await expectNoViolations(page)
  })
})

test('the empty state has no accessibility violations', async ({ page }) => {
  await page.goto('/?q=no-title-contains-this-text')
  await waitForCompleteList(page)
  await expect(page.getByText('0 conversations')).toBeVisible()
  await expectNoViolations(page)
})

test('the list with a conversation open beside it has no accessibility violations, in light and dark', async ({
  page,
  upstream,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  const title = byLastActivity(upstream.db.conversations)
    .slice(0, 20)
    .find((c) => isShort(c) && c.title?.trim())
    ?.title?.trim()
  await page.goto('/')
  await waitForCompleteList(page)
  await table(page)
    .getByRole('row')
    .filter({ hasText: title ?? '' })
    .first()
    .click()
  const pane = page.getByRole('region', { name: title ?? '', exact: true })
  await expect(pane.getByRole('heading', { level: 1 })).toBeFocused()
  await expect(pane.getByRole('listitem').first()).toBeVisible()
  await expect(table(page)).toBeVisible()
  await expectNoViolations(page)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectNoViolations(page)
})

test.describe(() => {
  test.use({ viewport: { width: 375, height: 812 } })

  test('at 375 px the list has no accessibility violations, in light and dark', async ({
    page,
  }) => {
    await page.goto('/')
    await waitForCompleteList(page)
    await expectNoViolations(page)
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectNoViolations(page)
  })

  test('at 375 px a conversation (instead of the list) has no accessibility violations, in light and dark', async ({
    page,
    upstream,
  }) => {
    const conversation = upstream.db.conversations.find(isShort)
    await page.goto(`/conversations/${conversation?.id ?? ''}`)
    await expect(page.getByRole('button', { name: 'Close' })).toBeVisible()
    await expect(page.getByRole('listitem').first()).toBeVisible()
    await expect(table(page)).toHaveCount(0)
    await expectNoViolations(page)
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectNoViolations(page)
  })
})
