import type { Page } from '@playwright/test'
import { insertConversations } from '../mocks/data.ts'
import { test, expect } from './fixtures.ts'
import { visibleTitles, waitForCompleteList } from './table.ts'

// The server re-reads perform.chat once its snapshot is a second old (and twice as old as
// its last crawl took); the page asks again when its own copy is 30 s old. The page's clock
// is Playwright's, so those 30 s pass at once, while the server's second passes for real.
test.use({ serverEnv: { SNAPSHOT_TTL_SECONDS: '1' } })

const SNAPSHOT_STALE_MS = 30_000

/** The titles of the page's rows, without the "Active" badge that the moving clock may change. */
const titles = async (page: Page) =>
  (await visibleTitles(page)).map((title) => title.replace(/\s*Active$/, ''))

/** The tab comes back to the foreground, as TanStack Query's focus manager hears it. */
async function refocus(page: Page) {
  await page.evaluate(() => {
    window.dispatchEvent(new Event('visibilitychange'))
    window.dispatchEvent(new Event('focus'))
  })
}

test('new conversations are counted in the background and shown only when asked', async ({
  page,
  upstream,
}) => {
  await page.clock.install()
  await page.goto('/')
  await waitForCompleteList(page)
  const before = await titles(page)
  const added = insertConversations(upstream.db, 3)

  // The first request after the server's TTL still gets the old snapshot while the server
  // reads the new one, so the tab may have to come back more than once.
  await expect(async () => {
    await page.clock.fastForward(SNAPSHOT_STALE_MS + 1000)
    await refocus(page)
    await expect(page.getByText('3 new or updated')).toBeVisible({ timeout: 2000 })
  }).toPass()
  expect(await titles(page)).toEqual(before)
  await expect(
    page.getByText(`${upstream.db.conversations.length - 3} conversations`),
  ).toBeVisible()

  await page.getByRole('button', { name: 'Show' }).click()
  await expect(page.getByText(`${upstream.db.conversations.length} conversations`)).toBeVisible()
  await expect(page.getByText('3 new or updated')).toHaveCount(0)
  const after = await titles(page)
  added.forEach((conversation, i) => {
    expect(after[i], `row ${i + 1}`).toContain(conversation.title?.trim() ?? '')
  })
  expect(after.slice(3)).toEqual(before.slice(0, -3))
})

test('the list also refreshes on its own, every minute, without focus', async ({
  page,
  upstream,
}) => {
  await page.clock.install()
  await page.goto('/')
  await waitForCompleteList(page)
  const before = await titles(page)
  insertConversations(upstream.db, 2)

  await expect(async () => {
    await page.clock.fastForward('01:01')
    await expect(page.getByText('2 new or updated')).toBeVisible({ timeout: 2000 })
  }).toPass()
  expect(await titles(page)).toEqual(before)
})
