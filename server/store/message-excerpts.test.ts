import { expect, test } from 'vitest'
import { findQueryWords, firstLine, snippetOf } from './message-excerpts.ts'
import { parseTextQuery, type TextQuery } from './message-words.ts'

const parsed = (text: string): TextQuery => {
  const query = parseTextQuery(text)
  if (!query) throw new Error(`no words in ${text}`)
  return query
}
const marked = (content: string, text: string) =>
  findQueryWords(content, parsed(text)).map(([start, end]) => content.slice(start, end))

test('the first line is the first one holding anything, trimmed, cut at 200 characters', () => {
  expect(firstLine('\n \r\n  Hello <b>there</b>  \nsecond')).toBe('Hello <b>there</b>')
  expect(firstLine(null)).toBe('')
  expect(firstLine('a'.repeat(250))).toBe(`${'a'.repeat(200)}…`)
  expect(firstLine(`${'a'.repeat(199)}😀b`)).toBe(`${'a'.repeat(199)}…`)
})

test('finds the words as written: accents, marks, wide letters and ligatures', () => {
  expect(marked('La Crème, CRÈME, cre\u0300me!', 'creme')).toEqual([
    'Crème',
    'CRÈME',
    'cre\u0300me',
  ])
  expect(marked('ＲＥＦＵＮＤ now', 'refund')).toEqual(['ＲＥＦＵＮＤ'])
  expect(marked('the ﬁnal word', 'final')).toEqual(['ﬁnal'])
  expect(marked('ΟΔΟΣ και οδος', 'οδος')).toEqual(['ΟΔΟΣ', 'οδος'])
  expect(marked('refund refunds prerefund', 'refund')).toEqual(['refund', 'refund'])
  expect(marked('Refunds, REFU\u0301ND', 'refu')).toEqual(['Refu', 'REFU\u0301'])
  expect(marked('invoice for a refund, refunds', 'refund invoice')).toEqual(['invoice', 'refund'])
})

test('a short message is its own snippet, white space as single spaces', () => {
  expect(snippetOf('Hi,\n\tmy refund?', parsed('refund'))).toEqual({
    text: 'Hi,  my refund?',
    marks: [[8, 14]],
  })
})

test('a long message is cut around the first word found, never inside a character', () => {
  const content = `${'😀'.repeat(100)}退款${'好'.repeat(200)}`
  const { text, marks } = snippetOf(content, parsed('退款'))
  expect(text.startsWith('…😀')).toBe(true)
  expect(text.endsWith('好…')).toBe(true)
  expect(text.length).toBeLessThanOrEqual(162)
  expect(marks.map(([start, end]) => text.slice(start, end))).toEqual(['退款'])
  expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
})

test('a cut keeps whole words and every word found inside it', () => {
  const content = `${'alpha '.repeat(30)}one refund ${'beta '.repeat(10)}refund ${'gamma '.repeat(40)}`
  const { text, marks } = snippetOf(content, parsed('refund'))
  expect(text).toMatch(/^…alpha .* gamma…$/)
  expect(marks.map(([start, end]) => text.slice(start, end))).toEqual(['refund', 'refund'])
})
