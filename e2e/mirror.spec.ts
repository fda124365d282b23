import { freePort } from '../server/testing/free-port.ts'
import { insertConversations } from '../mocks/data.ts'
import { ConversationPageSchema } from '../src/lib/contract.ts'
import { freshDatabaseUrl, KEY, startDashboard, test, expect } from './fixtures.ts'
import { waitForCompleteList } from './table.ts'

test.use({ mockOptions: { dbOptions: { conversations: 1200, customers: 80 } } })

const countText = (n: number) =>
  new RegExp(`^${n.toLocaleString('en-US').replace(',', ',?')} conversations?$`)

async function allIds(url: string): Promise<string[]> {
  const ids: string[] = []
  for (let page = 1; ; page++) {
    const response = await fetch(`${url}/api/conversations?page=${page}&limit=100`)
    const body = ConversationPageSchema.parse(await response.json())
    ids.push(...body.data.map((row) => row.id))
    if (page >= (body.pagination.total_pages ?? 0)) return ids
  }
}

test('a restart with perform.chat down shows the whole list at once', async ({
  page,
  upstream,
}) => {
  const env = {
    API_KEY_ID: KEY.id,
    API_KEY_SECRET: KEY.secret,
    PERFORMCHAT_API_URL: upstream.url,
    DATABASE_URL: freshDatabaseUrl(),
  }
  const first = await startDashboard(env)
  await page.goto(first.url)
  await waitForCompleteList(page)
  await first.stop()

  upstream.faults.set({ hang: true })
  const second = await startDashboard(env)
  try {
    await page.goto(second.url)
    await expect(page.getByText(countText(1200))).toBeVisible()
    await expect(page.getByRole('progressbar', { name: 'Loading conversations' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeEnabled()
    await expect(page.getByText(/as of/i)).toBeVisible()
  } finally {
    await second.stop()
  }
})

test('kill -9 during the first sync, then a restart, completes with no duplicate and nothing missing', async ({
  upstream,
}) => {
  const env = {
    API_KEY_ID: KEY.id,
    API_KEY_SECRET: KEY.secret,
    PERFORMCHAT_API_URL: upstream.url,
    DATABASE_URL: freshDatabaseUrl(),
  }
  // 10 requests a minute: the first sync stops after a few pages, mid-way, for a minute.
  const first = await startDashboard({ ...env, UPSTREAM_RATE_PER_MINUTE: '10' })
  await expect(async () => {
    const response = await fetch(`${first.url}/api/conversations?limit=1`)
    const body = ConversationPageSchema.parse(await response.json())
    expect(body.pagination.total).toBeGreaterThan(0)
    expect(body.pagination.total).toBeLessThan(1200)
  }).toPass()
  await first.kill()

  const second = await startDashboard(env)
  try {
    await expect(async () => {
      const response = await fetch(`${second.url}/api/conversations?limit=1`)
      const body = ConversationPageSchema.parse(await response.json())
      expect(body.pagination.total).toBe(1200)
    }).toPass({ timeout: 30_000 })
    const ids = await allIds(second.url)
    expect(new Set(ids).size).toBe(ids.length)
    expect(new Set(ids)).toEqual(new Set(upstream.db.conversations.map((row) => row.id)))
    expect(upstream.stats().byStatus['429'] ?? 0).toBe(0)
  } finally {
    await second.stop()
  }
})

test('the page reconnects by itself when the server restarts', async ({ page, upstream }) => {
  const port = String(await freePort())
  const env = {
    API_KEY_ID: KEY.id,
    API_KEY_SECRET: KEY.secret,
    PERFORMCHAT_API_URL: upstream.url,
    DATABASE_URL: freshDatabaseUrl(),
    PORT: port,
    SNAPSHOT_TTL_SECONDS: '1',
  }
  const first = await startDashboard(env)
  await page.goto(first.url)
  await waitForCompleteList(page)
  await first.stop()
  const second = await startDashboard(env)
  try {
    // New conversations reach the page only through the new process's push stream.
    insertConversations(upstream.db, 2)
    await expect(page.getByText('2 new or updated')).toBeVisible({ timeout: 20_000 })
    await expect(page.getByRole('alert')).toHaveCount(0)
  } finally {
    await second.stop()
  }
})
