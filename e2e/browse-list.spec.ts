import { test, expect } from './fixtures.ts'
import { byLastActivity } from './expected.ts'
import { expectRows, table, waitForCompleteList } from './table.ts'

test('the first page shows the most recently active conversations of the mock', async ({
  page,
  upstream,
}) => {
  const expected = byLastActivity(upstream.db.conversations)
  await page.goto('/')
  await waitForCompleteList(page)
  await expect(page.getByText(`Page 1 of ${Math.ceil(expected.length / 20)}`)).toBeVisible()
  await expect(page.getByText(`${expected.length} conversations`)).toBeVisible()
  await expectRows(page, expected.slice(0, 20))
})

test('pages forward, back, to the last and to the first page', async ({ page, upstream }) => {
  const expected = byLastActivity(upstream.db.conversations)
  const pages = Math.ceil(expected.length / 20)
  await page.goto('/')
  await waitForCompleteList(page)

  await page.getByRole('button', { name: 'Next page' }).click()
  await expect(page.getByText(`Page 2 of ${pages}`)).toBeVisible()
  await expectRows(page, expected.slice(20, 40))
  await expect(page).toHaveURL(/[?&]page=2(&|$)/)

  await page.getByRole('button', { name: 'Last page' }).click()
  await expect(page.getByText(`Page ${pages} of ${pages}`)).toBeVisible()
  await expectRows(page, expected.slice((pages - 1) * 20))
  await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled()

  await page.getByRole('button', { name: 'Previous page' }).click()
  await expect(page.getByText(`Page ${pages - 1} of ${pages}`)).toBeVisible()
  await expectRows(page, expected.slice((pages - 2) * 20, (pages - 1) * 20))

  await page.getByRole('button', { name: 'First page' }).click()
  await expect(page.getByText(`Page 1 of ${pages}`)).toBeVisible()
  await expectRows(page, expected.slice(0, 20))
  await expect(page.getByRole('button', { name: 'Previous page' })).toBeDisabled()
})

test('rows per page changes the page size and goes back to page 1', async ({ page, upstream }) => {
  const expected = byLastActivity(upstream.db.conversations)
  await page.goto('/?page=2')
  await waitForCompleteList(page)
  await page.getByRole('combobox', { name: 'Rows per page' }).selectOption('50')
  await expect(page.getByText(`Page 1 of ${Math.ceil(expected.length / 50)}`)).toBeVisible()
  await expectRows(page, expected.slice(0, 50))
  await expect(page).toHaveURL(/[?&]limit=50(&|$)/)
})

test('a deep link opens that page with that page size', async ({ page, upstream }) => {
  const expected = byLastActivity(upstream.db.conversations)
  await page.goto('/?page=3&limit=50')
  await waitForCompleteList(page)
  await expect(page.getByText(`Page 3 of ${Math.ceil(expected.length / 50)}`)).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Rows per page' })).toHaveValue('50')
  await expectRows(page, expected.slice(100, 150))
})

test('invalid URL parameters fall back to the defaults without an error', async ({
  page,
  upstream,
}) => {
  const expected = byLastActivity(upstream.db.conversations)
  await page.goto('/?page=abc&limit=1000&sort=bogus')
  await waitForCompleteList(page)
  await expect(page.getByText(`Page 1 of ${Math.ceil(expected.length / 20)}`)).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expectRows(page, expected.slice(0, 20))
  await expect(table(page).getByRole('columnheader', { name: 'Last activity' })).toHaveAttribute(
    'aria-sort',
    'descending',
  )
})
