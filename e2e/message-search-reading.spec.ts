// Search messages, end to end: markup as text, the transcript opened from a search, and
// the status while messages are being read.
import type { Locator } from '@playwright/test'
import { messagesOf } from '../mocks/messages.ts'
import { longThread } from '../mocks/special-rows.ts'
import { expectRows, table, waitForCompleteList } from './table.ts'
import { test, expect } from './fixtures.ts'
import {
  bodyRows,
  conversations,
  countText,
  expectMarksShow,
  marksPerRow,
  matching,
  messageMatches,
  messageStatus,
  openWhenAllMessagesSearched,
  pane,
  searchBox,
  searchedOf,
  snippetOf,
  wordsOf,
} from './message-search-support.ts'

test.use({ mockOptions: { dbOptions: { conversations } } })

// The mock's threads with markup in them (mocks/transcripts/unusual.ts), searched for words
// inside the markup: the snippet and the transcript show the characters, and nothing runs.
const hostile = [
  { search: 'img onerror', title: '<img src=x onerror=alert(1)>', literal: '<img src=x onerror=alert(1)>' },
  { search: 'script alert', title: '<b>bold</b> claim about a missing parcel', literal: '<script>alert(1)</script>' },
] as const // prettier-ignore

test('markup in a message shows as text in the snippet and in the transcript', async ({
  page,
  upstream,
}) => {
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await openWhenAllMessagesSearched(page)

  for (const { search, title, literal } of hostile) {
    const expected = matching(upstream.db, search)
    expect(expected.map((c) => c.title)).toEqual([title])
    const [conversation] = expected
    if (!conversation) throw new Error(`nothing in the mock matches ${search}`)
    const said = messagesOf(upstream.db, conversation)
    expect(said.find((m) => messageMatches(m.content, search))?.content).toContain(literal)

    await searchBox(page).fill(search)
    await expect(page.getByText(countText(1))).toBeVisible()
    await expectRows(page, expected)
    const row = bodyRows(page).first()
    await expect(snippetOf(row)).toContainText(literal)
    expectMarksShow((await marksPerRow(page))[0] ?? [], search, 'snippet')
    await expect(table(page).locator('b, i, img, script')).toHaveCount(0)

    await row.getByRole('link', { name: title, exact: true }).click()
    const region = pane(page, title)
    await expect(region.getByRole('heading', { level: 1 })).toHaveText(title)
    const articles = region.getByRole('article')
    await expect(articles).toHaveCount(said.length)
    const marked = articles.filter({ has: page.locator('mark') })
    await expect(marked).toHaveCount(1)
    await expect(marked).toContainText(literal)
    await expect(marked.getByText(literal, { exact: false }).first()).toBeVisible()
    expectMarksShow(await marked.locator('mark').allTextContents(), search, 'transcript')
    await expect(region.locator('b, i, img, script, td')).toHaveCount(0)
    await region.getByRole('button', { name: 'Close' }).click()
    await expect(region).toHaveCount(0)
  }
  expect(dialogs).toEqual([])
})

/** Each message bubble of a transcript: its text and the text of its marks. */
const bubbles = (articles: Locator) =>
  articles.evaluateAll((elements) =>
    elements.map((article) => ({
      content: article.querySelector('p')?.textContent ?? '',
      marks: Array.from(article.querySelectorAll('mark'), (mark) => mark.textContent),
    })),
  )

test('the conversation opened from a search marks every matching message and shows the first', async ({
  page,
  upstream,
}) => {
  const { db } = upstream
  const long = db.conversations[longThread]
  if (!long?.title) throw new Error('the mock has no long thread')
  const messages = messagesOf(db, long)
  expect(messages.length).toBeGreaterThanOrEqual(250)
  await openWhenAllMessagesSearched(page)

  // One search whose only match is near the end (each word alone is said earlier), one
  // that matches many messages from the 18th on (and "check" alone many others).
  for (const search of ['crash cache', 'check colleag']) {
    const words = wordsOf(search)
    const hits = messages.flatMap((m, i) => (messageMatches(m.content, search) ? [i] : []))
    const partial = messages.filter(
      (m) => !messageMatches(m.content, search) && words.some((w) => messageMatches(m.content, w)),
    )
    const firstHit = hits[0] ?? -1
    expect(firstHit).toBeGreaterThan(10)
    expect(partial.length).toBeGreaterThan(0)
    const expected = matching(db, search)
    const at = expected.findIndex((c) => c.id === long.id)
    expect(at).toBeGreaterThanOrEqual(0)
    expect(at).toBeLessThan(20)

    await searchBox(page).fill(search)
    await expect(page.getByText(countText(expected.length))).toBeVisible()
    await expectRows(page, expected.slice(0, 20))
    await bodyRows(page).nth(at).getByRole('link', { name: long.title, exact: true }).click()
    await expect(page).toHaveURL(
      (url) =>
        url.pathname === `/conversations/${long.id}` && url.searchParams.get('text') === search,
    )
    const region = pane(page, long.title)
    const articles = region.getByRole('article')
    await expect(articles).toHaveCount(messages.length)
    await expect(region).toHaveAttribute('aria-busy', 'false')

    const shown = await bubbles(articles)
    for (const [i, message] of messages.entries()) {
      const bubble = shown[i]
      expect(bubble?.content, `message ${i + 1}`).toBe(message.content)
      if (!hits.includes(i)) {
        expect(bubble?.marks, `message ${i + 1}`).toEqual([])
        continue
      }
      expectMarksShow(bubble?.marks ?? [], search, `message ${i + 1}`)
    }
    await expect(articles.nth(firstHit)).toBeInViewport()
    if (firstHit >= 100) await expect(articles.first()).not.toBeInViewport()

    await region.getByRole('button', { name: 'Close' }).click()
    await expect(region).toHaveCount(0)
  }
})

test('while messages are being read, a status counts the conversations searched up to all', async ({
  page,
  upstream,
}) => {
  const expected = matching(upstream.db, 'Parcelwise')
  await page.goto('/?text=Parcelwise')
  let seen = Number.NaN
  await expect(async () => {
    const [searched, total] = await searchedOf(page)
    expect(total).toBe(conversations)
    expect(searched).toBeLessThan(conversations)
    seen = searched
  }).toPass({ timeout: 10_000 })
  await expect(async () => {
    const [searched, total] = await searchedOf(page)
    expect(total).toBe(conversations)
    expect(searched).toBeGreaterThan(seen)
    expect(searched).toBeLessThan(conversations)
  }).toPass({ timeout: 10_000 })
  await expect(messageStatus(page)).toHaveCount(0, { timeout: 20_000 })

  // Gone because every conversation's messages are in: the search now finds them all.
  await page.reload()
  await waitForCompleteList(page)
  await expect(page.getByText(countText(expected.length))).toBeVisible()
  await expect(messageStatus(page)).toHaveCount(0)
})

test('a search left open while messages are read shows what it finds once all are', async ({
  page,
  upstream,
}) => {
  // The first read of a conversation's messages does not raise the mirror's version: the
  // page follows the message sync's progress instead.
  const expected = matching(upstream.db, 'Parcelwise')
  await page.goto('/?text=Parcelwise')
  await expect(messageStatus(page)).toBeVisible()
  const [searched] = await searchedOf(page)
  expect(searched).toBeLessThan(conversations)
  await expect(messageStatus(page)).toHaveCount(0, { timeout: 20_000 })
  // The rows follow by themselves, or the page offers what is new with `Show`.
  const show = page.getByRole('button', { name: 'Show', exact: true })
  const found = page.getByText(countText(expected.length))
  await expect(found.or(show)).toBeVisible()
  if (await show.isVisible()) await show.click()
  await expect(found).toBeVisible()
  await expectRows(page, expected)
})
