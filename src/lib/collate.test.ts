import { expect, test } from 'vitest'
import { fastCompare } from './collate.ts'

// Characters that exercise every path: ASCII of both cases, digits, punctuation and space
// (weighted), accents precomposed and combining, dashes, emoji, other scripts, a tab.
const alphabet = [
  ...Array.from('aAbBcChHzZ09 -_,.#!?()\'"&@'),
  'é',
  'e\u0301',
  'É',
  'ß',
  '—',
  '–',
  '🙏',
  '😡',
  'ط',
  'ב',
  '中',
  '\t',
  'æ',
  'ø',
  'å',
]

function randomStrings(count: number, seed: number): string[] {
  let state = seed
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(next() * 8)
    let text = ''
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)] ?? ''
    // Shared prefixes, as titles have ("Refund request — order #…").
    return next() < 0.5 ? `Refund r${text}` : text
  })
}

const sign = (n: number) => Math.sign(n)

for (const locale of ['en', 'de', 'sv', 'da', 'cs', 'tr', 'ar']) {
  test(`agrees with Intl.Collator (${locale}) on every pair`, () => {
    const collator = new Intl.Collator(locale)
    const compare = fastCompare(collator)
    const strings = randomStrings(300, locale.length * 7919)
    for (const a of strings) {
      for (const b of strings)
        expect(sign(compare(a, b)), `${a} | ${b}`).toBe(sign(collator.compare(a, b)))
    }
  })
}

test('sorts like the collator on titles with case, prefixes and punctuation', () => {
  const collator = new Intl.Collator('en')
  const titles = [
    'refund',
    'Refund',
    'Refund request',
    'Refund-request',
    'refund_x',
    'Réfund',
    'a b',
    'ab',
    'a-b',
    '#1',
    '10',
    '9',
  ]
  expect([...titles].sort(fastCompare(collator))).toEqual([...titles].sort(collator.compare))
})
