import type { Page } from '@playwright/test'
import { test, expect } from './fixtures.ts'
import { waitForCompleteList } from './table.ts'

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
const views = (page: Page) => page.getByRole('navigation', { name: 'Views' })
const NAME = 'Orders, by title'

test('a saved view shows for a second user at once, opens as a link, and is deleted for both', async ({
  page,
  browser,
  dashboard,
  upstream,
}) => {
  // Two users, each with a page and an event stream, and a view counted on the server.
  test.slow()
  const word = 'order'
  const matching = upstream.db.conversations.filter((c) => fold(c.title ?? '').includes(word))
  expect(matching.length).toBeGreaterThan(20)

  // A second user, with the plain list open before the view exists.
  const other = await browser.newContext()
  const second = await other.newPage()
  await second.goto(dashboard.url)
  await waitForCompleteList(second)
  await expect(views(second).getByText(/None saved yet/)).toBeVisible()

  await page.goto(`/?q=${word}&sort=title&limit=50&page=2`)
  await waitForCompleteList(page)
  await views(page).getByRole('button', { name: 'Save view' }).click()
  const dialog = page.getByRole('dialog', { name: 'Save view' })
  await dialog.getByRole('textbox', { name: 'Name' }).fill(NAME)
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toHaveCount(0)
  const saved = views(page).getByRole('link', { name: new RegExp(`^${NAME}`) })
  await expect(saved).toHaveAccessibleName(`${NAME} ${matching.length} conversations`)
  await expect(saved).toHaveAttribute('href', `/?q=${word}&sort=title&limit=50`)

  // The same name again, in other case: said, and not saved twice.
  await views(page).getByRole('button', { name: 'Save view' }).click()
  await dialog.getByRole('textbox', { name: 'Name' }).fill(NAME.toUpperCase())
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toContainText('already exists')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(views(page).getByRole('link')).toHaveCount(1)

  // Pushed to the second user, who opens it.
  const shared = views(second).getByRole('link', { name: new RegExp(`^${NAME}`) })
  await expect(shared).toHaveAccessibleName(`${NAME} ${matching.length} conversations`)
  await shared.click()
  await expect(second).toHaveURL(new RegExp(`/\\?q=${word}&sort=title&limit=50$`))
  await expect(second.getByLabel('Search titles')).toHaveValue(word)
  await expect(second.getByRole('combobox', { name: 'Rows per page' })).toHaveValue('50')
  await expect(second.getByText(`${matching.length} conversations`)).toBeVisible()
  await expect(shared).toHaveAttribute('aria-current', 'page')

  // The second user deletes it, after confirming; it goes for the first user too.
  await views(second)
    .getByRole('button', { name: `Delete view ${NAME}` })
    .click()
  const ask = second.getByRole('alertdialog')
  await expect(ask).toContainText(NAME)
  await ask.getByRole('button', { name: 'Delete' }).click()
  await expect(views(second).getByRole('link')).toHaveCount(0)
  await expect(views(page).getByRole('link')).toHaveCount(0)
  await other.close()
})

test('a view is renamed for everyone, and its name is shown as text', async ({ page }) => {
  const created = await page.request.post('/api/views', {
    data: { name: 'VIP', query: { customer: 'cu_1' } },
  })
  expect(created.status()).toBe(201)
  await page.goto('/')
  await waitForCompleteList(page)
  await views(page).getByRole('button', { name: 'Rename view VIP' }).click()
  const dialog = page.getByRole('dialog', { name: 'Rename view' })
  await dialog.getByRole('textbox', { name: 'Name' }).fill('<b>VIP</b> customers')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(views(page).getByRole('link', { name: /^<b>VIP<\/b> customers/ })).toBeVisible()
  await expect(
    views(page).getByRole('button', { name: 'Rename view <b>VIP</b> customers' }),
  ).toBeVisible()
})

test('at 375 px the views fold behind a button', async ({ page }) => {
  await page.request.post('/api/views', { data: { name: 'Refunds', query: { q: 'refund' } } })
  await page.setViewportSize({ width: 375, height: 800 })
  await page.goto('/')
  await waitForCompleteList(page)
  const toggle = views(page).getByRole('button', { name: /^Views/ })
  const link = views(page).getByRole('link', { name: /^Refunds/ })
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(link).toBeHidden()
  await toggle.click()
  await expect(link).toBeVisible()
  await link.click()
  await expect(page).toHaveURL(/\?q=refund$/)
})

test('at 1024 px the views are there without opening anything', async ({ page }) => {
  await page.request.post('/api/views', { data: { name: 'Refunds', query: { q: 'refund' } } })
  await page.setViewportSize({ width: 1024, height: 800 })
  await page.goto('/')
  await expect(views(page).getByRole('link', { name: /^Refunds/ })).toBeVisible()
  await expect(views(page).getByRole('button', { name: /^Views/ })).toBeHidden()
})
