import { readFile } from 'node:fs/promises'
import { test, expect } from './fixtures.ts'
import { byLastActivity } from './expected.ts'
import { expectRows, table, waitForCompleteList } from './table.ts'

test.use({ mockOptions: { dbOptions: { conversations: 2000, customers: 60 } } })

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
const countText = (n: number) =>
  new RegExp(`^${n.toLocaleString('en-US').replace(',', ',?')} conversations?$`)

test('the default order is over every upstream page, newest activity first', async ({
  page,
  upstream,
}) => {
  const all = upstream.db.conversations
  const expected = byLastActivity(all)
  // The newest conversation is not on upstream's first page: only a global sort finds it.
  const newest = expected[0]
  expect(newest && all.indexOf(newest)).toBeGreaterThanOrEqual(100)
  await page.goto('/')
  await waitForCompleteList(page)
  await expectRows(page, expected.slice(0, 20))
  await page.getByRole('button', { name: 'Last page' }).click()
  await expectRows(page, expected.slice(-20))
})

test('a column header toggles the sort, and only it carries aria-sort', async ({ page }) => {
  await page.goto('/')
  await waitForCompleteList(page)
  const header = table(page).getByRole('columnheader', { name: 'Messages' })
  await header.getByRole('button', { name: 'Messages' }).click()
  await expect(header).toHaveAttribute('aria-sort', 'descending')
  for (const other of ['Title', 'Customer', 'Created', 'Last activity']) {
    await expect(table(page).getByRole('columnheader', { name: other })).not.toHaveAttribute(
      'aria-sort',
    )
  }
  const counts = async () =>
    (await table(page).getByRole('row').all()).slice(1).map(async (row) => {
      const text = await row.getByRole('cell').nth(2).innerText()
      return Number(text.replace(/\D/g, '') || -1)
    })
  // aria-sort changes at the click; the rows follow when the sorted page arrives.
  await expect(table(page)).toHaveAttribute('aria-busy', 'false')
  await expect(async () => {
    const descending = await Promise.all(await counts())
    expect(descending).toHaveLength(20)
    expect(descending).toEqual([...descending].sort((a, b) => b - a))
  }).toPass({ timeout: 15_000 })
  await expect(page).toHaveURL(/[?&]sort=-message_count(&|$)/)

  await header.getByRole('button', { name: 'Messages' }).click()
  await expect(header).toHaveAttribute('aria-sort', 'ascending')
  await expect(page).toHaveURL(/[?&]sort=message_count(&|$)/)
})

test('the Customer filter matches by id and by name across every page', async ({
  page,
  upstream,
}) => {
  const all = upstream.db.conversations
  const tally = new Map<string, number>()
  for (const c of all)
    if (c.customer_user_id) tally.set(c.customer_user_id, (tally.get(c.customer_user_id) ?? 0) + 1)
  const [customerId, count] = [...tally].sort((a, b) => b[1] - a[1])[0] ?? ['', 0]
  const pages = new Set(
    all.flatMap((c, i) => (c.customer_user_id === customerId ? [Math.floor(i / 100)] : [])),
  )
  expect(pages.size).toBeGreaterThan(3)

  await page.goto('/')
  await waitForCompleteList(page)
  await page.getByLabel('Customer').fill(customerId)
  await expect(page.getByText(countText(count))).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`[?&]customer=${customerId}(&|$)`))

  const customer = upstream.db.customers.find((c) => c.id === customerId)
  const name = customer?.name ?? ''
  expect(name).not.toBe('')
  const matching = new Set(
    upstream.db.customers
      .filter(
        (c) =>
          c.id.toLowerCase() === name.toLowerCase() ||
          (c.name ?? '').toLowerCase().includes(name.toLowerCase()) ||
          (c.email ?? '').toLowerCase().includes(name.toLowerCase()),
      )
      .map((c) => c.id),
  )
  const byName = all.filter((c) => matching.has(c.customer_user_id ?? '')).length
  await page.getByLabel('Customer').fill(name)
  await expect(page.getByText(countText(byName))).toBeVisible()
})

test('Search titles matches case- and accent-insensitively over every page', async ({
  page,
  upstream,
}) => {
  const all = upstream.db.conversations
  const word = 'REFUND'
  const expected = all.filter((c) => fold(c.title ?? '').includes(fold(word))).length
  expect(expected).toBeGreaterThan(20)
  await page.goto('/')
  await waitForCompleteList(page)
  await page.getByLabel('Search titles').fill(word)
  await expect(page.getByText(countText(expected))).toBeVisible()
  await expect(page).toHaveURL(/[?&]q=REFUND(&|$)/)
  await expect(page.getByText(/^Page 1 of /)).toBeVisible()

  await page.getByLabel('Search titles').fill('CREME brulee CAFE')
  await expect(page.getByText(countText(1))).toBeVisible()
  await expect(table(page).getByRole('cell').first()).toContainText('Crème brûlée café')
})

test('Export CSV downloads the whole filtered, sorted set', async ({ page, upstream }) => {
  const word = 'order'
  const expected = byLastActivity(
    upstream.db.conversations.filter((c) => fold(c.title ?? '').includes(word)),
  )
  expect(expected.length).toBeGreaterThan(100)
  await page.goto(`/?q=${word}`)
  await waitForCompleteList(page)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^conversations-\d{4}-\d{2}-\d{2}\.csv$/)
  const bytes = await readFile(await download.path())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = bytes.subarray(3).toString('utf8')
  const lines = text.split('\r\n').filter((line) => line !== '')
  expect(lines[0]).toBe('id,title,customer_user_id,message_count,created_at,updated_at')
  expect(lines).toHaveLength(expected.length + 1)
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(expected.map((c) => c.id))
})

test.describe(() => {
  test.use({ upstreamFaults: { latencyMs: 1500 } })
  test('a deep link to page 5 survives loading', async ({ page, upstream }) => {
    const expected = byLastActivity(upstream.db.conversations)
    await page.goto('/?page=5')
    await expect(page.getByRole('progressbar', { name: 'Loading conversations' })).toBeVisible()
    await waitForCompleteList(page)
    await expect(page.getByText(`Page 5 of ${Math.ceil(expected.length / 20)}`)).toBeVisible()
    await expectRows(page, expected.slice(80, 100))
    await expect(page).toHaveURL(/[?&]page=5(&|$)/)
  })
})

test.describe(() => {
  test.use({ upstreamFaults: { latencyMs: 1500 } })
  test('the progress bar counts loaded conversations against the total', async ({
    page,
    upstream,
  }) => {
    await page.goto('/')
    const progress = page.getByRole('progressbar', { name: 'Loading conversations' })
    await expect(progress).toHaveAttribute(
      'aria-valuemax',
      String(upstream.db.conversations.length),
    )
    await expect(progress).not.toHaveAttribute('aria-valuenow', '0')
    await waitForCompleteList(page)
    await expect(page.getByText(countText(upstream.db.conversations.length))).toBeVisible()
  })
})

test.describe(() => {
  // The notice lasts as long as the wait: long enough for a page loading on a busy machine.
  test.use({ upstreamFaults: { status429: { count: 3, retryAfterSeconds: 8 } } })
  test('the upstream rate limit is shown, and loading goes on by itself', async ({
    page,
    upstream,
  }) => {
    await page.goto('/')
    await expect(page.getByRole('status').filter({ hasText: /rate limit/i })).toContainText(
      /\d+\s*s/,
    )
    await waitForCompleteList(page)
    await expect(page.getByText(countText(upstream.db.conversations.length))).toBeVisible()
    expect(upstream.stats().byStatus['429']).toBe(3)
  })
})
