import { expect, test } from 'vitest'
import { foldWords, indexedWords, messageMatches, parseTextQuery } from './message-words.ts'

test('folds each character alone exactly as it folds within the text', () => {
  for (const text of [
    'ΟΔΟΣ ΚΑΙ Σ.',
    'İstanbul',
    'ﬁne Ǆemal ½',
    'Cre\u0301me',
    'ＲＥＦＵＮＤ 😀 я Ёж',
  ]) {
    expect(Array.from(text, foldWords).join('')).toBe(foldWords(text))
  }
  expect(foldWords('Crème ΟΔΟΣ ＲＥＦＵＮＤ')).toBe('creme οδοσ refund')
})

test('indexes a message as its folded words, punctuation and markup gone', () => {
  expect(indexedWords('Crème, brûlée! <b>NOW</b> #123')).toBe('creme brulee b now b 123')
  expect(indexedWords('  ')).toBe('')
  expect(indexedWords(null)).toBe('')
})

test('reads the words typed: the last also a prefix, others once, nothing without a word', () => {
  expect(parseTextQuery('  Refund, REFUND invoice!')).toEqual({
    words: ['refund'],
    prefix: 'invoice',
  })
  expect(parseTextQuery('refund refund')).toEqual({ words: ['refund'], prefix: 'refund' })
  expect(parseTextQuery('Été')).toEqual({ words: [], prefix: 'ete' })
  expect(parseTextQuery(' !?, ')).toBeNull()
  expect(parseTextQuery('a b c d e f g h i j k l m n o p q r s')?.words).toHaveLength(15)
})

test('a message matches when it holds every word, the last also as a prefix', () => {
  const query = parseTextQuery('refund inv')
  if (!query) throw new Error('no query')
  expect(messageMatches('A REFUND for the invoice', query)).toBe(true)
  expect(messageMatches('refund; Invoices', query)).toBe(true)
  expect(messageMatches('refunds for the invoice', query)).toBe(false)
  expect(messageMatches('refund only', query)).toBe(false)
  expect(messageMatches('prerefund invoice', query)).toBe(false)
  expect(messageMatches(null, query)).toBe(false)
})
