import { expect, test } from 'vitest'
import { fitSnippet } from './fit-snippet.ts'

const marked = ({ text, marks }: ReturnType<typeof fitSnippet>) =>
  marks.map(([start, end]) => text.slice(start, end))

test('keeps a snippet whose first mark is near its start', () => {
  const snippet = { text: 'Where is my refund? It is late.', marks: [[12, 18]] as const }
  expect(fitSnippet(snippet)).toBe(snippet)
})

test('cuts a long lead at the start of a word and keeps the marks on their words', () => {
  const text = '…and then, after a long story about my week and the weather, where is my refund now'
  const start = text.indexOf('refund')
  const fitted = fitSnippet({
    text,
    marks: [
      [start, start + 6],
      [text.length - 3, text.length],
    ],
  })
  expect(fitted.text).toBe('…where is my refund now')
  expect(marked(fitted)).toEqual(['refund', 'now'])
})

test('cuts right at the mark when the lead has no space', () => {
  const text = `${'x'.repeat(40)}refund`
  const fitted = fitSnippet({ text, marks: [[40, 46]] })
  expect(fitted.text).toBe('…refund')
  expect(marked(fitted)).toEqual(['refund'])
})

test('leaves a snippet without marks as it is', () => {
  const snippet = { text: 'x'.repeat(80), marks: [] }
  expect(fitSnippet(snippet)).toBe(snippet)
})
