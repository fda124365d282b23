// Two replicas of the production server on one PostgreSQL (issue 13): one of them syncs,
// both serve, and what one replica does or learns reaches the browsers of the other.
import type { Page } from '@playwright/test'
import { insertConversations } from '../mocks/data.ts'
import { messageOnlyPhrases } from '../mocks/details.ts'
import { conversationsWhoseMessagesContain, messagesOf } from '../mocks/messages.ts'
import { byLastActivity } from './expected.ts'
import type { MockUpstream } from '../mocks/upstream-server.ts'
import { countText, messageStatus, searchBox } from './message-search-support.ts'
import { readyOf, test, expect, watchStatus, type Replicas } from './replica-fixtures.ts'
import { expectRows, visibleTitles, waitForCompleteList } from './table.ts'

const conversations = 120
test.use({ mockOptions: { dbOptions: { conversations } } })

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
const views = (page: Page) => page.getByRole('navigation', { name: 'Views' })
/** Titles as read, without the "Active" badge a passing minute may add or take away. */
const titles = async (page: Page) =>
  (await visibleTitles(page)).map((title) => title.replace(/\s*Active$/, ''))
const rateLimited = (stats: { byStatus: Record<string, number> }) => stats.byStatus['429'] ?? 0

/** The page's list, once the whole mirror is there and every message is searchable. */
async function openWhenMessagesSynced(page: Page, url: string) {
  // A word no test searches for, so the message search's status shows.
  await page.goto(`${url}/?text=xylophone`)
  await waitForCompleteList(page)
  await expect(messageStatus(page)).toHaveCount(0, { timeout: 40_000 })
}

test.describe('with a snapshot TTL longer than the test', () => {
  // No head refresh and no second cycle: every list request the mock sees is the first sync's,
  // and nothing but a push moves a page once the message sync is over.
  test.use({ replicaEnv: { SNAPSHOT_TTL_SECONDS: '600' } })

  test('both replicas show the same list and counts, and the mock sees one sync', async ({
    page,
    browser,
    replicas,
    upstream,
  }) => {
    const { db } = upstream
    const { leader, follower } = await replicas.roles()
    const other = await browser.newContext()
    const pages = [page, await other.newPage()] as const
    await pages[0].goto(replicas.a.url)
    await openWhenMessagesSynced(pages[1], replicas.b.url)
    await pages[1].goto(replicas.b.url)
    const newest = byLastActivity(db.conversations).slice(0, 20)
    for (const shown of pages) {
      await waitForCompleteList(shown)
      await expect(shown.getByText(countText(conversations))).toBeVisible()
      await expectRows(shown, newest)
    }
    expect(await titles(pages[1])).toEqual(await titles(pages[0]))

    expect(await readyOf(leader)).toMatchObject({ leader: true, status: 'ready' })
    expect(await readyOf(follower)).toMatchObject({
      leader: false,
      status: 'ready',
      mirror_complete: true,
      mirror_conversations: conversations,
    })

    // One crawl: every page of both lists read, none twice (a second crawl, by the other
    // replica, would read them all again).
    const listReads = replicas.upstreamLog.requests
      .filter((r) => /^\/(conversations|customer-users)\?/.test(r))
      .map((r) => {
        const [path = '', query = ''] = r.split('?')
        return `${path} page ${new URLSearchParams(query).get('page') ?? '?'}`
      })
    const pagesOf = (rows: number) => Array.from({ length: Math.ceil(rows / 100) }, (_, i) => i + 1)
    expect(listReads).toEqual(
      expect.arrayContaining([
        ...pagesOf(db.conversations.length).map((n) => `/conversations page ${n}`),
        ...pagesOf(db.customers.length).map((n) => `/customer-users page ${n}`),
      ]),
    )
    expect(listReads.filter((read, i) => listReads.indexOf(read) !== i)).toEqual([])
    // One message sync: no page of any conversation's messages read twice.
    const messageReads = replicas.upstreamLog.requests.filter((r) =>
      /^\/conversations\/[^/?]+\/messages/.test(r),
    )
    expect(messageReads.length).toBeGreaterThanOrEqual(
      db.conversations.filter((c) => (c.message_count ?? 0) > 0).length,
    )
    expect(messageReads.filter((read, i) => messageReads.indexOf(read) !== i)).toEqual([])
    expect(rateLimited(upstream.stats())).toBe(0)
    await other.close()
  })

  test('a view saved on one replica is listed on the other, pushed', async ({
    page,
    browser,
    replicas,
    upstream,
  }) => {
    const name = 'Orders'
    const word = 'order'
    const matching = upstream.db.conversations.filter((c) => fold(c.title ?? '').includes(word))
    expect(matching.length).toBeGreaterThan(0)

    const other = await browser.newContext()
    const second = await other.newPage()
    // Once the message sync is over nothing else moves the views: only the push can show them.
    await openWhenMessagesSynced(second, replicas.b.url)
    await expect(views(second).getByText(/None saved yet/)).toBeVisible()

    await page.goto(`${replicas.a.url}/?q=${word}`)
    await waitForCompleteList(page)
    await views(page).getByRole('button', { name: 'Save view' }).click()
    const dialog = page.getByRole('dialog', { name: 'Save view' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toHaveCount(0)
    const named = `${name} ${matching.length} conversations`
    await expect(views(page).getByRole('link', { name: /^Orders/ })).toHaveAccessibleName(named)

    // On the other replica's page, without a reload.
    const shared = views(second).getByRole('link', { name: /^Orders/ })
    await expect(shared).toHaveAccessibleName(named)
    await expect(shared).toHaveAttribute('href', `/?q=${word}`)
    await other.close()
  })
})

/** Kills the leader, adds a conversation upstream, and waits for the follower's page to show it. */
async function failOver(page: Page, { roles }: Replicas, upstream: MockUpstream) {
  const { leader, follower } = await roles()
  await page.goto(follower.url)
  await waitForCompleteList(page)
  await expect(page.getByText(countText(conversations))).toBeVisible()
  // A slow upstream was only there to start the follower during the first sync.
  upstream.faults.set({})
  const pushed = watchStatus(follower)
  await expect.poll(() => pushed.seen.length).toBeGreaterThan(0)

  await leader.kill()
  const killedAt = Date.now()
  const [added] = insertConversations(upstream.db, 1)
  const title = added?.title?.trim() ?? ''
  expect(title).not.toBe('')

  await expect.poll(async () => (await readyOf(follower)).leader, { timeout: 30_000 }).toBe(true)
  // 30 s to take over plus the 3 s refresh interval, from the kill. The page had the
  // whole list: the new conversation is announced, not slipped into the rows.
  const deadline = 33_000 - (Date.now() - killedAt)
  await expect
    .poll(() => pushed.seen.some((status) => status.loaded === conversations + 1), {
      timeout: deadline,
    })
    .toBe(true)
  await pushed.close()
  // The mirror stayed complete: the new leader resumes from it and says so.
  const incomplete = pushed.seen.filter((status) => !status.complete)
  expect(incomplete, 'statuses the survivor pushed after the takeover').toEqual([])
  // At least the new one; a leader killed before the customers' pages were all read
  // leaves the survivor to read them, and every row whose customer gets a name updates.
  await expect(page.getByText(/\d[\d,]* new or updated/)).toBeVisible({ timeout: deadline })
  await expect(page.getByText(countText(conversations))).toBeVisible()
  await page.getByRole('button', { name: 'Show' }).click()
  await expect(page.getByText(countText(conversations + 1))).toBeVisible()
  expect((await titles(page))[0]).toContain(title)
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(await readyOf(follower)).toMatchObject({ leader: true, status: 'ready' })
  expect(rateLimited(upstream.stats())).toBe(0)
}

test.describe('a follower started after the first sync', () => {
  test.use({ followerStarts: 'after the first sync' })

  test('takes over when the leader is killed, and announces a new conversation', async ({
    page,
    replicas,
    upstream,
  }) => {
    await failOver(page, replicas, upstream)
  })
})

test.describe('a follower started during the first sync', () => {
  // Slow answers, so the second replica surely starts while the first one's sync runs.
  test.use({ upstreamFaults: { latencyMs: 300 } })

  test('takes over when the leader is killed, and announces a new conversation', async ({
    page,
    replicas,
    upstream,
  }) => {
    await failOver(page, replicas, upstream)
  })
})

test('a message search answers on the follower, and its transcripts show', async ({
  page,
  replicas,
  upstream,
}) => {
  const { db } = upstream
  const phrase = 'Parcelwise'
  expect(messageOnlyPhrases).toContain(phrase)
  const expected = conversationsWhoseMessagesContain(db, phrase)
  expect(expected.length).toBeGreaterThan(0)
  const { follower } = await replicas.roles()

  await openWhenMessagesSynced(page, follower.url)
  await searchBox(page).fill(phrase)
  await expect(page.getByText(countText(expected.length))).toBeVisible()
  await expectRows(page, byLastActivity(expected).slice(0, 20))

  // The longest thread, read by the leader's message sync: the follower serves it from
  // the shared mirror without asking perform.chat.
  const long = db.conversations.reduce((a, b) =>
    (b.message_count ?? 0) > (a.message_count ?? 0) ? b : a,
  )
  const messages = messagesOf(db, long)
  expect(messages.length).toBeGreaterThan(100)
  const readsOfLong = () =>
    replicas.upstreamLog.count(new RegExp(`^/conversations/${long.id}/messages`))
  const before = readsOfLong()
  await page.goto(`${follower.url}/conversations/${long.id}`)
  const transcript = page.getByRole('region', { name: long.title?.trim() ?? '' }).getByRole('list')
  await expect(transcript.getByRole('listitem')).toHaveCount(messages.length)
  expect(readsOfLong()).toBe(before)
  expect(rateLimited(upstream.stats())).toBe(0)
})

test.describe('while the first sync runs', () => {
  // 15 pages read one at a time, each answered after 300 ms: seconds of loading.
  test.use({
    mockOptions: { dbOptions: { conversations: 1500 } },
    upstreamFaults: { latencyMs: 300 },
    replicaEnv: { CRAWL_CONCURRENCY: '1' },
  })

  test("the follower's page shows the leader's progress, then the complete list", async ({
    page,
    replicas,
  }) => {
    // Every value the progress bar takes, from the page's first render.
    await page.addInitScript(() => {
      const seen: string[] = []
      new MutationObserver(() => {
        const bar = document.querySelector(
          '[role="progressbar"][aria-label="Loading conversations"]',
        )
        const now = bar?.getAttribute('aria-valuenow')
        if (now != null && seen.at(-1) !== now) {
          seen.push(now)
          document.documentElement.dataset.progressSeen = seen.join(',')
        }
      }).observe(document, { subtree: true, childList: true, attributes: true })
    })
    const { follower } = await replicas.roles()
    expect((await readyOf(follower)).mirror_complete).toBe(false)
    await page.goto(follower.url)
    await waitForCompleteList(page)
    await expect(page.getByText(countText(1500))).toBeVisible()

    const seen = ((await page.locator('html').getAttribute('data-progress-seen')) ?? '')
      .split(',')
      .filter((value) => value !== '')
      .map(Number)
    expect(seen.length, `progress seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(2)
    expect(seen).toEqual(seen.toSorted((x, y) => x - y))
    expect(seen.at(-1)).toBeGreaterThan(seen[0] ?? 0)
  })
})
