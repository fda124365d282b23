// Search messages, end to end: what it finds, over the production server and the mock.
import { readFile } from 'node:fs/promises'
import { messageOnlyPhrases } from '../mocks/details.ts'
import { conversationsWhoseMessagesContain, messagesOf } from '../mocks/messages.ts'
import { byLastActivity } from './expected.ts'
import { expectRows, table, waitForCompleteList } from './table.ts'
import { test, expect } from './fixtures.ts'
import {
  bodyRows,
  conversations,
  countText,
  expectMarksShow,
  fold,
  marksPerRow,
  matching,
  messageMatches,
  openWhenAllMessagesSearched,
  searchBox,
  snippetOf,
  wordsOf,
} from './message-search-support.ts'

test.use({ mockOptions: { dbOptions: { conversations } } })

test('a phrase said only in messages finds exactly the conversations whose messages hold it', async ({
  page,
  upstream,
}) => {
  const { db } = upstream
  const phrase = 'Parcelwise'
  expect(messageOnlyPhrases).toContain(phrase)
  const expected = matching(db, phrase)
  // Counted a second way, by the mock's own substring scan; and no title names it.
  expect(expected.map((c) => c.id).sort()).toEqual(
    conversationsWhoseMessagesContain(db, phrase)
      .map((c) => c.id)
      .sort(),
  )
  expect(db.conversations.filter((c) => fold(c.title ?? '').includes(fold(phrase)))).toEqual([])
  expect(expected.length).toBeGreaterThan(3)

  await openWhenAllMessagesSearched(page)
  await searchBox(page).fill(phrase)
  await expect(page).toHaveURL(/[?&]text=Parcelwise(&|$)/)
  await expect(page.getByText(countText(expected.length))).toBeVisible()
  await expectRows(page, expected)
  const marks = await marksPerRow(page)
  expect(marks).toHaveLength(expected.length)
  for (const [i, rowMarks] of marks.entries()) expect(rowMarks, `row ${i + 1}`).toContain(phrase)

  // Each snippet is a piece of one of its conversation's messages, cut at "…".
  for (const [i, conversation] of expected.entries()) {
    const shown = await snippetOf(bodyRows(page).nth(i)).innerText()
    const pieces = shown.split('…').map((piece) => piece.trim())
    const piece = pieces.reduce((a, b) => (b.length > a.length ? b : a), '')
    expect(piece, `row ${i + 1}`).toContain(phrase)
    const said = messagesOf(db, conversation).map((m) => (m.content ?? '').replace(/\s+/g, ' '))
    expect(
      said.some((content) => content.includes(piece)),
      `row ${i + 1}: "${shown}"`,
    ).toBe(true)
  }
})

test('the search ignores case and accents, and reads the last word as a prefix', async ({
  page,
  upstream,
}) => {
  const { db } = upstream
  const expected = matching(db, 'Rücksendeetikett')
  expect(expected.length).toBeGreaterThan(0)
  expect(matching(db, 'rucksende').map((c) => c.id)).toEqual(expected.map((c) => c.id))

  await openWhenAllMessagesSearched(page)
  await searchBox(page).fill('rucksende')
  await expect(page.getByText(countText(expected.length))).toBeVisible()
  await expectRows(page, expected)
  for (const [i, marks] of (await marksPerRow(page)).entries()) {
    expectMarksShow(marks, 'rucksende', `row ${i + 1}`)
  }

  await searchBox(page).fill('RÜCKSENDEETIKETT')
  await expect(page).toHaveURL(/[?&]text=R%C3%9CCKSENDEETIKETT(&|$)/)
  await expect(page.getByText(countText(expected.length))).toBeVisible()
  await expectRows(page, expected)
  for (const [i, marks] of (await marksPerRow(page)).entries()) {
    expect(marks, `row ${i + 1}`).toContain('Rücksendeetikett')
  }

  // Only the last word is a prefix: a shortened first word no longer matches.
  expect(matching(db, 'rucksende etikett')).toEqual([])
  await searchBox(page).fill('rucksende etikett')
  await expect(page.getByText(countText(0))).toBeVisible()
})

test('every word must be in one message, and the search combines with filters and the sort', async ({
  page,
  upstream,
}) => {
  const { db } = upstream
  // Said in many conversations, but both in one message in fewer of them.
  const search = 'order refund'
  const both = matching(db, search)
  const saysEach = db.conversations.filter((c) =>
    wordsOf(search).every((word) => messagesOf(db, c).some((m) => messageMatches(m.content, word))),
  )
  expect(both.length).toBeGreaterThan(1)
  expect(saysEach.length).toBeGreaterThan(both.length)

  await openWhenAllMessagesSearched(page)
  await searchBox(page).fill(search)
  await expect(page.getByText(countText(both.length))).toBeVisible()
  await expectRows(page, both)

  // With Search titles: those of them whose title holds the text too.
  const titled = both.filter((c) => fold(c.title ?? '').includes('refund'))
  expect(titled.length).toBeGreaterThan(0)
  expect(titled.length).toBeLessThan(both.length)
  await page.getByLabel('Search titles').fill('REFUND')
  await expect(page.getByText(countText(titled.length))).toBeVisible()
  await expectRows(page, titled)
  await page.getByLabel('Search titles').fill('')

  // With a customer: of the customers with conversations the search keeps and others it
  // does not, the one with most kept.
  const text = 'thanks'
  const thanked = matching(db, text)
  const customers = [...new Set(db.conversations.map((c) => c.customer_user_id ?? ''))]
    .filter((id) => id !== '')
    .map((id) => {
      const all = db.conversations.filter((c) => c.customer_user_id === id)
      return { id, all, kept: thanked.filter((c) => c.customer_user_id === id) }
    })
    .filter(({ all, kept }) => kept.length < all.length)
    .sort((a, b) => b.kept.length - a.kept.length || a.id.localeCompare(b.id))
  const customerId = customers[0]?.id ?? ''
  const ofCustomer = customers[0]?.all ?? []
  const expected = customers[0]?.kept ?? []
  expect(expected.length).toBeGreaterThan(1)
  expect(expected.length).toBeLessThan(ofCustomer.length)
  expect(expected.length).toBeLessThan(thanked.length)

  await searchBox(page).fill(text)
  await expect(page.getByText(countText(thanked.length))).toBeVisible()
  await page.getByLabel('Customer').fill(customerId)
  await expect(page).toHaveURL(new RegExp(`[?&]customer=${customerId}(&|$)`))
  await expect(page.getByText(countText(expected.length))).toBeVisible()
  await expectRows(page, expected)

  // Sorted by Created, newest first (ties by id): the same set in that order.
  const created = table(page).getByRole('columnheader', { name: 'Created' })
  await created.getByRole('button', { name: 'Created' }).click()
  await expect(created).toHaveAttribute('aria-sort', 'descending')
  await expect(page).toHaveURL(/[?&]sort=-created_at(&|$)/)
  const byCreated = [...expected].sort((a, b) =>
    a.created_at === b.created_at
      ? a.id.localeCompare(b.id)
      : (b.created_at ?? '').localeCompare(a.created_at ?? ''),
  )
  expect(byCreated.map((c) => c.id)).not.toEqual(expected.map((c) => c.id))
  await expect(page.getByText(countText(expected.length))).toBeVisible()
  await expectRows(page, byCreated)
  for (const [i, marks] of (await marksPerRow(page)).entries()) {
    expectMarksShow(marks, text, `row ${i + 1}`)
  }
})

test('Export CSV with a message search downloads exactly the matching conversations', async ({
  page,
  upstream,
}) => {
  const expected = matching(upstream.db, 'ERR_QUOTA_7731')
  expect(expected.length).toBeGreaterThan(1)
  await openWhenAllMessagesSearched(page)
  await searchBox(page).fill('ERR_QUOTA_7731')
  await expect(page.getByText(countText(expected.length))).toBeVisible()
  await expectRows(page, expected)

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ])
  const bytes = await readFile(await download.path())
  const lines = bytes
    .subarray(3)
    .toString('utf8')
    .split('\r\n')
    .filter((line) => line !== '')
  expect(lines[0]).toBe('id,title,customer_user_id,message_count,created_at,updated_at')
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(expected.map((c) => c.id))
})

test('a deep link with text restores the search; a blank text is no search', async ({
  page,
  upstream,
}) => {
  const { db } = upstream
  const expected = matching(db, 'Parcelwise')
  await openWhenAllMessagesSearched(page)

  await page.goto('/?text=parcelWISE')
  await expect(searchBox(page)).toHaveValue('parcelWISE')
  await expect(page.getByText(countText(expected.length))).toBeVisible()
  await expectRows(page, expected)
  for (const [i, marks] of (await marksPerRow(page)).entries()) {
    expect(marks, `row ${i + 1}`).toContain('Parcelwise')
  }

  const newest = byLastActivity(db.conversations).slice(0, 20)
  for (const blank of ['', '%20%20%20']) {
    await page.goto(`/?text=${blank}`)
    await waitForCompleteList(page)
    await expect(page.getByText(countText(conversations))).toBeVisible()
    await expectRows(page, newest)
    await expect(table(page).locator('mark')).toHaveCount(0)
  }
})
