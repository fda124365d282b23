import type { Page } from '@playwright/test'
import type { Conversation } from '../src/lib/contract.ts'
import { test, expect } from './fixtures.ts'
import { byLastActivity } from './expected.ts'
import { table, waitForCompleteList } from './table.ts'
import { messagesOf } from '../mocks/messages.ts'

test.use({ viewport: { width: 1440, height: 900 } })

const bodyRow = (page: Page, n: number) => table(page).getByRole('row').nth(n)
const shownTitle = (c: Conversation | undefined) => c?.title?.trim() || 'Untitled conversation'
const pane = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true })

type Shift = { value: number; input: boolean; in: string[] }

/**
 * Records every layout shift from the page's start, also those right after input, with
 * where each moved element is: in the table, in a section (the pane and its transcript),
 * or elsewhere.
 */
async function recordLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    type Entry = PerformanceEntry & {
      value: number
      hadRecentInput: boolean
      sources: { node: Node | null }[]
    }
    const shifts: Shift[] = []
    Object.assign(window, { layoutShifts: shifts })
    const where = (node: Node | null) => {
      const element = node instanceof Element ? node : (node?.parentElement ?? null)
      if (element?.closest('table')) return 'table'
      return element?.closest('section') ? 'section' : 'elsewhere'
    }
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Entry[]) {
        shifts.push({
          value: entry.value,
          input: entry.hadRecentInput,
          in: entry.sources.map((source) => where(source.node)),
        })
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

const layoutShifts = (page: Page) =>
  page.evaluate(() => (window as unknown as { layoutShifts: Shift[] }).layoutShifts)

/** Cumulative Layout Shift as Lighthouse counts it on load: shifts right after input left out. */
const cumulative = (shifts: readonly Shift[]) =>
  shifts.filter((shift) => !shift.input).reduce((sum, shift) => sum + shift.value, 0)

test('a click opens the conversation beside the table, which keeps its view and scroll', async ({
  page,
}) => {
  await recordLayoutShifts(page)
  await page.goto('/?sort=title&page=2')
  await waitForCompleteList(page)
  const row = bodyRow(page, 15)
  await row.scrollIntoViewIfNeeded()
  const title = (await row.getByRole('link').first().innerText()).trim()
  const before = await row.boundingBox()
  const shiftsBefore = (await layoutShifts(page)).length

  await row.getByRole('cell').first().click()
  const region = pane(page, title)
  await expect(region.getByRole('heading', { level: 1 })).toBeFocused()
  await expect(region.getByRole('button', { name: 'Close' })).toBeVisible()
  await expect(region.getByRole('listitem').first()).toBeVisible()
  await expect(region).toHaveAttribute('aria-busy', 'false')

  await expect(page).toHaveURL(/\/conversations\/[^?]+\?sort=title&page=2$/)
  await expect(table(page)).toBeVisible()
  await expect(page.getByText(/^Page 2 of /)).toBeVisible()
  await expect(table(page).getByRole('columnheader', { name: 'Title' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  )
  await expect(row).toHaveAttribute('aria-current', 'true')
  await expect(bodyRow(page, 14)).not.toHaveAttribute('aria-current')
  // Nothing in the table or the pane moved as the pane opened and its transcript came.
  expect(await row.boundingBox()).toEqual(before)
  const moved = (await layoutShifts(page)).slice(shiftsBefore).flatMap((shift) => shift.in)
  expect(moved.filter((where) => where !== 'elsewhere')).toEqual([])
})

test('j and k open the next and the previous conversation, across a page boundary', async ({
  page,
  upstream,
}) => {
  const expected = byLastActivity(upstream.db.conversations)
  const [last, next] = [expected[19], expected[20]]
  await page.goto('/')
  await waitForCompleteList(page)
  await bodyRow(page, 20).getByRole('cell').first().click()
  await expect(pane(page, shownTitle(last)).getByRole('heading', { level: 1 })).toBeFocused()

  await page.keyboard.press('j')
  await expect(page).toHaveURL(new RegExp(`/conversations/${next?.id ?? ''}\\?page=2$`))
  await expect(pane(page, shownTitle(next)).getByRole('heading', { level: 1 })).toBeFocused()
  await expect(page.getByText(/^Page 2 of /)).toBeVisible()
  await expect(bodyRow(page, 1)).toHaveAttribute('aria-current', 'true')

  await page.keyboard.press('k')
  await expect(page).toHaveURL(new RegExp(`/conversations/${last?.id ?? ''}$`))
  await expect(pane(page, shownTitle(last)).getByRole('heading', { level: 1 })).toBeFocused()
  await expect(page.getByText(/^Page 1 of /)).toBeVisible()
  await expect(bodyRow(page, 20)).toHaveAttribute('aria-current', 'true')
  // The arrows still only move focus.
  await bodyRow(page, 20).focus()
  await page.keyboard.press('ArrowUp')
  await expect(bodyRow(page, 19)).toBeFocused()
  await expect(page).toHaveURL(new RegExp(`/conversations/${last?.id ?? ''}$`))
})

test('Close and Escape close the pane and return focus to the row', async ({ page }) => {
  await page.goto('/?q=request')
  await waitForCompleteList(page)
  const title = (await bodyRow(page, 2).getByRole('link').first().innerText()).trim()

  await bodyRow(page, 2).click()
  await expect(pane(page, title).getByRole('heading', { level: 1 })).toBeFocused()
  await pane(page, title).getByRole('button', { name: 'Close' }).click()
  await expect(page).toHaveURL(/\/\?q=request$/)
  await expect(pane(page, title)).toHaveCount(0)
  await expect(bodyRow(page, 2)).toBeFocused()
  await expect(bodyRow(page, 2)).not.toHaveAttribute('aria-current', 'true')

  await page.keyboard.press('Enter')
  await expect(pane(page, title).getByRole('heading', { level: 1 })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page).toHaveURL(/\/\?q=request$/)
  await expect(bodyRow(page, 2)).toBeFocused()
})

test('a copied URL opens the list and the conversation together', async ({ page, upstream }) => {
  const target = byLastActivity(upstream.db.conversations)[24]
  await recordLayoutShifts(page)
  await page.goto(`/conversations/${target?.id ?? ''}?page=2`)
  const region = pane(page, shownTitle(target))
  await expect(region.getByRole('heading', { level: 1 })).toBeFocused()
  await expect(region).toHaveAttribute('aria-busy', 'false')
  await expect(region.getByRole('listitem')).toHaveCount(
    target ? messagesOf(upstream.db, target).length : 0,
  )
  await waitForCompleteList(page)
  await expect(page.getByText(/^Page 2 of /)).toBeVisible()
  await expect(bodyRow(page, 5)).toHaveAttribute('aria-current', 'true')
  await expect(bodyRow(page, 5)).toContainText(shownTitle(target))
  // Loading moved nothing in the pane (the transcript arriving included), little elsewhere.
  const shifts = await layoutShifts(page)
  expect(shifts.flatMap((shift) => shift.in).filter((where) => where === 'section')).toEqual([])
  expect(cumulative(shifts)).toBeLessThanOrEqual(0.02)
})

test.describe(() => {
  test.use({ viewport: { width: 1024, height: 800 } })
  test('at 1024 px a conversation opens in the full-page view', async ({ page }) => {
    await page.goto('/?page=2')
    await waitForCompleteList(page)
    const title = (await bodyRow(page, 4).getByRole('link').first().innerText()).trim()
    await bodyRow(page, 4).getByRole('cell').first().click()

    await expect(pane(page, title).getByRole('heading', { level: 1 })).toBeFocused()
    await expect(page).toHaveURL(new RegExp(`/conversations/[^?]+\\?page=2$`))
    await expect(table(page)).toHaveCount(0)
    await pane(page, title).getByRole('button', { name: 'Close' }).click()
    await expect(page).toHaveURL(/\/\?page=2$/)
    await expect(bodyRow(page, 4)).toBeFocused()
    await expect(bodyRow(page, 4)).toContainText(title)
  })
})
