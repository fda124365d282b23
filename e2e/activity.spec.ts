import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import type { Conversation } from '../src/lib/contract.ts'
import { expectNoViolations } from './axe.ts'
import { test, expect } from './fixtures.ts'
import { byLastActivity } from './expected.ts'
import { expectRows, waitForCompleteList } from './table.ts'

// Days are the browser's: a zone far from UTC, with daylight saving, shows they are.
const ZONE = 'America/Los_Angeles'
test.use({ timezoneId: ZONE })

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})
const dayOf = (ms: number) => dayFormat.format(ms)
const createdDay = (c: Conversation) => (c.created_at ? dayOf(Date.parse(c.created_at)) : null)
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
const DAY_MS = 86_400_000
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

/** Every day from `from` to `to` with the mock's conversations created on it, zeros included. */
function perDay(rows: readonly Conversation[], from: string, to: string): [string, string][] {
  const counts = new Map<string, number>()
  for (const c of rows) {
    const day = createdDay(c)
    if (day) counts.set(day, (counts.get(day) ?? 0) + 1)
  }
  const days: [string, string][] = []
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push([day, String(counts.get(day) ?? 0)])
  }
  return days
}

/** The 30 days ending 5 days ago: inside the mock's data, and not the chart's default. */
function aRange() {
  const to = addDays(dayOf(Date.now()), -5)
  return { from: addDays(to, -29), to }
}

async function chartRows(page: Page) {
  const figure = page.getByRole('figure', { name: 'Conversations per day' })
  const rows = figure.getByRole('table', { name: 'Conversations per day' }).getByRole('row')
  await expect(rows.first()).toBeAttached()
  const all = await rows.all()
  const texts = await Promise.all(all.map((row) => row.getByRole('cell').allTextContents()))
  return texts.slice(1)
}

test('a date range changes the count, the table and the export', async ({ page, upstream }) => {
  const { from, to } = aRange()
  const inRange = upstream.db.conversations.filter((c) => {
    const day = createdDay(c)
    return day !== null && day >= from && day <= to
  })
  const expected = byLastActivity(inRange)
  expect(expected.length).toBeGreaterThan(20)

  await page.goto('/?page=2')
  await waitForCompleteList(page)
  await page.getByLabel('Created from').fill(from)
  await page.getByLabel('Created to').fill(to)
  await expect(page).toHaveURL(new RegExp(`\\?from=${from}&to=${to}$`))
  await expect(page.getByText(`${expected.length} conversations`)).toBeVisible()
  await expectRows(page, expected.slice(0, 20))
  await expect(page.getByText(/^Page 1 of /)).toBeVisible()

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ])
  const text = (await readFile(await download.path())).subarray(3).toString('utf8')
  const ids = text
    .split('\r\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.split(',')[0])
  expect(ids).toEqual(expected.map((c) => c.id))
})

test('a reversed range says so and lists everything, without an error', async ({
  page,
  upstream,
}) => {
  const { from, to } = aRange()
  await page.goto(`/?from=${to}&to=${from}`)
  await waitForCompleteList(page)
  await expect(
    page.getByText('Created from is after Created to: the dates are not applied.'),
  ).toBeVisible()
  await expect(page.getByText(`${upstream.db.conversations.length} conversations`)).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
})

test("the chart's table equals the mock's conversations per day for the range", async ({
  page,
  upstream,
}) => {
  const { from, to } = aRange()
  await page.goto(`/?from=${from}&to=${to}`)
  await waitForCompleteList(page)
  const button = page.getByRole('button', { name: 'Activity', exact: true })
  await expect(button).toHaveAttribute('aria-expanded', 'false')
  await button.click()
  await expect(button).toHaveAttribute('aria-expanded', 'true')
  const expected = perDay(upstream.db.conversations, from, to)
  expect(await chartRows(page)).toEqual(expected)
  const total = expected.reduce((sum, [, count]) => sum + Number(count), 0)
  const figure = page.getByRole('figure', { name: 'Conversations per day' })
  await expect(figure.getByRole('term').first()).toHaveText('Total')
  await expect(figure.getByRole('definition').first()).toHaveText(String(total))
  // The chart follows the list's filters: a title search narrows it too.
  const word = 'order'
  const titled = upstream.db.conversations.filter((c) => fold(c.title ?? '').includes(word))
  await page.getByLabel('Search titles').fill(word)
  await expect.poll(() => chartRows(page)).toEqual(perDay(titled, from, to))
})

test('by default the chart covers the 30 days ending today', async ({ page, upstream }) => {
  await page.goto('/')
  await waitForCompleteList(page)
  await page.getByRole('button', { name: 'Activity', exact: true }).click()
  const today = dayOf(Date.now())
  expect(await chartRows(page)).toEqual(
    perDay(upstream.db.conversations, addDays(today, -29), today),
  )
})

test('the chart works at 375 px: every bar in the window, a tooltip on focus', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 })
  await page.goto('/')
  await waitForCompleteList(page)
  await page.getByRole('button', { name: 'Activity', exact: true }).click()
  const figure = page.getByRole('figure', { name: 'Conversations per day' })
  const today = dayOf(Date.now())
  const bar = figure.getByRole('img', { name: new RegExp(`^${today}: `) })
  await bar.focus()
  const box = await bar.boundingBox()
  expect((box?.x ?? 999) + (box?.width ?? 0)).toBeLessThanOrEqual(375)
  await page.keyboard.press('ArrowLeft')
  await expect(
    figure.getByRole('img', { name: new RegExp(`^${addDays(today, -1)}: `) }),
  ).toBeFocused()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
})

test('the chart, the date range and the views have no accessibility violations, light and dark', async ({
  page,
}) => {
  // axe reads the whole page twice, the chart's day table included.
  test.slow()
  const saved = await page.request.post('/api/views', {
    data: { name: 'Orders by title', query: { q: 'order', sort: 'title' } },
  })
  expect(saved.status()).toBe(201)
  const { from, to } = aRange()
  await page.goto(`/?from=${from}&to=${to}`)
  await waitForCompleteList(page)
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link')).toHaveCount(1)
  await page.getByRole('button', { name: 'Activity', exact: true }).click()
  const figure = page.getByRole('figure', { name: 'Conversations per day' })
  await expect(figure.getByRole('table', { name: 'Conversations per day' })).toBeAttached()
  await figure.getByRole('img').last().focus()
  await expectNoViolations(page)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectNoViolations(page)
})
