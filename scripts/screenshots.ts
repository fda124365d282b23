// `npm run screenshots`: README images from the real app (production build, demo data),
// plus every main state into a folder for a person to look at.
import { chromium, type Page } from '@playwright/test'
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { launchOptions } from '../e2e/chromium.ts'
import { startDashboard, KEY } from '../e2e/fixtures.ts'
import { startMockUpstream } from '../mocks/upstream-server.ts'
import { conversationsWhoseMessagesContain } from '../mocks/messages.ts'

const statesDir = process.argv[2] ?? 'test-results/screenshots'
mkdirSync('docs', { recursive: true })
mkdirSync(statesDir, { recursive: true })

const upstream = await startMockUpstream({
  keyId: KEY.id,
  keySecret: KEY.secret,
  dbOptions: { conversations: 2000, customers: 60 },
})
const dashboard = await startDashboard({
  API_KEY_ID: KEY.id,
  API_KEY_SECRET: KEY.secret,
  PERFORMCHAT_API_URL: upstream.url,
  UPSTREAM_RATE_PER_MINUTE: '1000',
})
const browser = await chromium.launch(launchOptions)

async function shoot(
  name: string,
  path: string,
  options: { dark?: boolean; width?: number; ready: (page: Page) => Promise<unknown> },
) {
  const page = await browser.newPage({
    viewport: { width: options.width ?? 1280, height: 820 },
    colorScheme: options.dark ? 'dark' : 'light',
    deviceScaleFactor: 1,
  })
  await page.goto(dashboard.url + path)
  await options.ready(page)
  await page.screenshot({ path: join(statesDir, `${name}.png`), fullPage: false })
  await page.close()
  console.log(`✔ ${name}`)
}

async function complete(page: Page) {
  await page.getByRole('button', { name: 'Export CSV' }).waitFor()
  await page.getByRole('progressbar').waitFor({ state: 'detached' })
}
const long = upstream.db.conversations[1]?.id ?? ''
async function transcript(page: Page) {
  await page.getByRole('button', { name: 'Close' }).waitFor()
  await page.getByText(/Loading messages/).waitFor({ state: 'detached' })
}

/**
 * Waits until every conversation's messages are in the mirror, as the page says it (its
 * "messages searched" status goes away): at the key's budget the messages of 2,000
 * conversations take about three minutes. Every state after it shows last messages,
 * snippets and view counts as a team sees them on a synced mirror.
 */
async function allMessagesSynced() {
  const page = await browser.newPage()
  await page.goto(`${dashboard.url}/?text=zzzz`)
  await complete(page)
  await page
    .getByRole('status')
    .filter({ hasText: /messages/ })
    .waitFor({ state: 'detached', timeout: 600_000 })
  await page.close()
}
async function marked(page: Page) {
  await complete(page)
  await page.locator('table mark').first().waitFor()
}
async function activity(page: Page) {
  await complete(page)
  await page.getByRole('button', { name: 'Activity', exact: true }).click()
  const figure = page.getByRole('figure', { name: 'Conversations per day' })
  await figure.getByRole('img').last().focus()
}
const searched = conversationsWhoseMessagesContain(upstream.db, 'Parcelwise')[0]?.id ?? ''

try {
  for (const [name, query] of [
    ['Refunds by title', { q: 'refund', sort: 'title' }],
    ['Parcelwise', { text: 'parcelwise' }],
    ['A VIP customer', { customer: upstream.db.customers[0]?.id ?? '' }],
  ] as const) {
    await fetch(`${dashboard.url}/api/views`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, query }),
    })
  }
  await allMessagesSynced()
  await shoot('list-light', '/', { ready: complete })
  await shoot('list-dark', '/', { dark: true, ready: complete })
  await shoot('filtered', '/?q=refund&sort=title', { ready: complete })
  await shoot('detail-light', `/conversations/${long}`, {
    ready: transcript,
  })
  await shoot('detail-dark', `/conversations/${long}`, {
    dark: true,
    ready: transcript,
  })
  await shoot('narrow-list', '/', { width: 375, ready: complete })
  await shoot('narrow-detail', `/conversations/${long}`, {
    width: 375,
    ready: transcript,
  })
  await shoot('empty', '/?q=nothing-matches-this', { ready: complete })
  await shoot('activity-light', '/', { ready: activity })
  await shoot('activity-dark', '/', { dark: true, ready: activity })
  await shoot('activity-narrow', '/', { width: 375, ready: activity })
  await shoot('searched', '/?text=parcelwise', { ready: marked })
  await shoot('searched-pane', `/conversations/${searched}?text=parcelwise`, {
    ready: async (page) => {
      await marked(page)
      await transcript(page)
    },
  })
  await shoot('searched-pane-dark', `/conversations/${searched}?text=parcelwise`, {
    dark: true,
    ready: async (page) => {
      await marked(page)
      await transcript(page)
    },
  })
  // A cold server, so the crawl (slowed down) is still running when the page opens.
  upstream.faults.set({ latencyMs: 700 })
  const cold = await startDashboard({
    API_KEY_ID: KEY.id,
    API_KEY_SECRET: KEY.secret,
    PERFORMCHAT_API_URL: upstream.url,
  })
  const loading = await browser.newPage({ viewport: { width: 1280, height: 820 } })
  await loading.goto(cold.url)
  await loading.getByRole('table').getByRole('row').nth(3).waitFor()
  await loading.screenshot({ path: join(statesDir, 'loading.png') })
  console.log('✔ loading')
  await loading.close()
  await cold.stop()
  upstream.faults.set({ status500: 1_000_000 })
  const failing = await startDashboard({
    API_KEY_ID: KEY.id,
    API_KEY_SECRET: 'wrong-secret',
    PERFORMCHAT_API_URL: upstream.url,
  })
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } })
  await page.goto(failing.url)
  await page.getByRole('alert').waitFor()
  await page.screenshot({ path: join(statesDir, 'error.png') })
  console.log('✔ error')
  await failing.stop()
  copyFileSync(join(statesDir, 'list-light.png'), 'docs/screenshot-light.png')
  copyFileSync(join(statesDir, 'list-dark.png'), 'docs/screenshot-dark.png')
} finally {
  await browser.close()
  await dashboard.stop()
  await upstream.close()
}
