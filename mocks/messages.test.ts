import { expect, test } from 'vitest'
import { createMockDb } from './data.ts'
import { messageOnlyPhrases } from './details.ts'
import { conversationsWhoseMessagesContain, messagesOf } from './messages.ts'

const now = new Date('2026-03-01T12:00:00Z')
const db = createMockDb({ conversations: 2000, customers: 60, now })
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

test('markup, emoji-only and right-to-left messages are among the first conversations', () => {
  const head = db.conversations.slice(0, 70).flatMap((row) => messagesOf(db, row))
  const contents = head.map((m) => m.content ?? '')
  expect(
    contents.some((c) => c.includes('<script>alert(1)</script>') && c.includes('<b>bold</b>')),
  ).toBe(true)
  expect(contents.some((c) => /^(\p{Extended_Pictographic}|\s)+$/u.test(c))).toBe(true)
  expect(contents.some((c) => /\p{Script=Arabic}/u.test(c))).toBe(true)
  expect(contents.some((c) => /\p{Script=Hebrew}/u.test(c))).toBe(true)
  expect(contents.some((c) => c.length > 3000)).toBe(true)
})

test('the hostile titles keep their hostile transcripts', () => {
  const byTitle = (title: string) => db.conversations.find((row) => row.title === title)
  const markup = byTitle('<img src=x onerror=alert(1)>')
  expect(markup && messagesOf(db, markup)[0]?.content).toBe('<img src=x onerror=alert(1)>')
  const arabic = byTitle('طلب استرداد المبلغ للطلب رقم ٤٥')
  expect(arabic && messagesOf(db, arabic)[0]?.content).toContain('٤٥')
})

test('no placeholder is left unfilled in a title or a message', () => {
  for (const row of db.conversations) {
    expect(row.title ?? '').not.toMatch(/\{\w+\}/)
    for (const message of messagesOf(db, row))
      expect(message.content, message.id).not.toMatch(/\{\w+\}/)
  }
})

test.each(messageOnlyPhrases)(
  '"%s" occurs in some conversations’ messages and in no title',
  (phrase) => {
    const found = conversationsWhoseMessagesContain(db, phrase)
    expect(found.length).toBeGreaterThan(5)
    expect(found.length).toBeLessThan(db.conversations.length / 10)
    expect(db.conversations.filter((row) => fold(row.title ?? '').includes(fold(phrase)))).toEqual(
      [],
    )
    const again = createMockDb({ conversations: 2000, customers: 60, now })
    expect(conversationsWhoseMessagesContain(again, phrase).map((row) => row.id)).toEqual(
      found.map((row) => row.id),
    )
  },
)

test('the phrase search ignores case and accents, as the page search does', () => {
  const exact = conversationsWhoseMessagesContain(db, 'Rücksendeetikett')
  expect(conversationsWhoseMessagesContain(db, 'rucksendeETIKETT')).toEqual(exact)
  expect(conversationsWhoseMessagesContain(db, 'no message says this')).toEqual([])
})

test('a customer who comes back days later says the problem is back', () => {
  const returned = db.conversations.filter((row) => {
    const messages = messagesOf(db, row)
    const last = messages.findLastIndex((m) => m.role === 'user')
    const gap =
      Date.parse(messages[last]?.created_at ?? '') -
      Date.parse(messages[last - 1]?.created_at ?? '')
    return (row.message_count ?? 0) >= 5 && gap > 3 * 86_400_000 && /^[A-Z]/.test(row.title ?? '')
  })
  expect(returned.length).toBeGreaterThan(3)
  for (const row of returned) {
    const customer = messagesOf(db, row).filter((m) => m.role === 'user')
    expect(customer.at(-1)?.content, row.id).toMatch(
      /again|back|wieder|encore|revenu|de nuevo|vuelto/i,
    )
  }
})

test('the same conversation always says the same thing', () => {
  const again = createMockDb({ conversations: 2000, customers: 60, now })
  for (const index of [0, 1, 5, 500, 1999]) {
    const row = db.conversations[index]
    const twin = again.conversations[index]
    expect(row && twin && messagesOf(again, twin)).toEqual(row && messagesOf(db, row))
  }
})
