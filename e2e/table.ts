import { expect, type Page } from '@playwright/test'
import type { Conversation } from '../src/lib/contract.ts'

export const table = (page: Page) => page.getByRole('table', { name: 'Conversations', exact: true })

/** The Title cell of every body row on the current page, as the user reads it. */
export async function visibleTitles(page: Page): Promise<string[]> {
  const rows = table(page).getByRole('row')
  const count = await rows.count()
  const titles: string[] = []
  for (let i = 1; i < count; i++) {
    // The cell begins with the title; a badge and the last message's line follow it.
    const text = await rows.nth(i).getByRole('cell').first().innerText()
    titles.push((text.split('\n')[0] ?? '').trim())
  }
  return titles
}

/** Each visible row's title begins with the expected conversation's title, in order. */
export async function expectRows(page: Page, expected: readonly Conversation[]) {
  // While the next page loads, the previous one stays on screen under aria-busy: wait it out,
  // and read again until the rows settle (a refetch may follow a page change).
  await expect(table(page)).toHaveAttribute('aria-busy', 'false')
  await expect(async () => {
    await expect(table(page).getByRole('row')).toHaveCount(expected.length + 1, { timeout: 1 })
    const titles = await visibleTitles(page)
    expected.forEach((conversation, i) => {
      if (conversation.title) expect(titles[i], `row ${i + 1}`).toContain(conversation.title.trim())
    })
  }).toPass({ timeout: 15_000 })
}

/** The whole list has arrived: Export CSV waits for it, and the progress bar is gone. */
export async function waitForCompleteList(page: Page) {
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeEnabled()
  await expect(page.getByRole('progressbar', { name: 'Loading conversations' })).toHaveCount(0)
}
