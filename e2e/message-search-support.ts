// What the message-search specs share: the mock's answer worked out from its messages,
// and the page's parts as a user finds them.
import type { Locator, Page } from '@playwright/test'
import type { Conversation } from '../src/lib/contract.ts'
import type { MockDb } from '../mocks/data.ts'
import { messagesOf } from '../mocks/messages.ts'
import { expect } from './fixtures.ts'
import { byLastActivity } from './expected.ts'
import { table, waitForCompleteList } from './table.ts'

// 150 conversations (about 1,600 messages, the 250-message long thread among them): every
// message-only phrase occurs in some, and the message sync, paced at the default budget
// (12 background reads a second), reads them all in about 13 s.
export const conversations = 150

// What "Search messages" should find, worked out here from the mock's messages alone:
// folded (accents, case), split into words of letters and digits; a message matches when
// it holds every word typed, the last one also as the beginning of a longer word.
export const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
export const wordsOf = (text: string): string[] => fold(text).match(/[\p{L}\p{N}]+/gu) ?? []

export function messageMatches(content: string | null | undefined, search: string): boolean {
  const typed = wordsOf(search)
  const prefix = typed.at(-1)
  if (!content || prefix === undefined) return false
  const words = wordsOf(content)
  return (
    words.some((word) => word.startsWith(prefix)) &&
    typed.slice(0, -1).every((word) => words.includes(word))
  )
}

/**
 * Marks that show a search: each is a whole word typed or begins with the last word typed
 * (the typed part of a longer word, or all of it), and together they show every word.
 */
export function expectMarksShow(marks: readonly string[], search: string, where: string) {
  const typed = wordsOf(search)
  const prefix = typed.at(-1) ?? ''
  const whole = typed.slice(0, -1)
  const folded = marks.map(fold)
  for (const mark of folded) {
    expect(whole.includes(mark) || mark.startsWith(prefix), `${where}: mark "${mark}"`).toBe(true)
  }
  for (const word of whole) expect(folded, where).toContain(word)
  expect(
    folded.some((mark) => mark.startsWith(prefix)),
    `${where}: "${prefix}…"`,
  ).toBe(true)
}

/** The conversations a message search keeps, in the list's default order. */
export const matching = (
  db: MockDb,
  search: string,
  rows: readonly Conversation[] = db.conversations,
) =>
  byLastActivity(
    rows.filter((c) =>
      messagesOf(db, c).some((message) => messageMatches(message.content, search)),
    ),
  )

export const countText = (n: number) =>
  new RegExp(`^${n.toLocaleString('en-US').replace(',', ',?')} conversations?$`)
export const searchBox = (page: Page) => page.getByRole('textbox', { name: 'Search messages' })
/** The list's message-search status (used only while no transcript, with its own, is open). */
export const messageStatus = (page: Page) =>
  page.getByRole('status').filter({ hasText: /messages/ })
export const bodyRows = (page: Page) =>
  table(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
export const snippetOf = (row: Locator) => row.getByRole('cell').first().getByRole('paragraph')
export const pane = (page: Page, title: string) =>
  page.getByRole('region', { name: title, exact: true })

/**
 * Opens the list with a message search and waits until the sync has read every
 * conversation's messages, as a user sees it: the list is complete (so the server's status
 * has arrived) and the status saying how many are searched has gone.
 */
export async function openWhenAllMessagesSearched(page: Page) {
  // A word no test searches for: nothing is cached for the searches that follow.
  await page.goto('/?text=xylophone')
  await waitForCompleteList(page)
  await expect(messageStatus(page)).toHaveCount(0, { timeout: 30_000 })
}

/** The text of every mark in each shown row's snippet. */
export const marksPerRow = (page: Page) =>
  bodyRows(page).evaluateAll((rows) =>
    rows.map((row) =>
      Array.from(row.querySelectorAll('td:first-child mark'), (mark) => mark.textContent),
    ),
  )

/** The status's `X of Y`, as numbers (thousands separators allowed). */
export async function searchedOf(page: Page): Promise<[number, number]> {
  const text = await messageStatus(page).innerText({ timeout: 1000 })
  const match = /(\d[\d,]*) of (\d[\d,]*)/.exec(text)
  const number = (digits: string | undefined) => Number((digits ?? 'NaN').replace(/,/g, ''))
  return [number(match?.[1]), number(match?.[2])]
}
