import { expect, test } from 'vitest'
import { isDetailKey } from './details.ts'
import { languagePacks } from './languages.ts'
import type { Script } from './transcripts/script.ts'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')

const lines = (script: Script) => [
  ...script.titles,
  ...script.open,
  ...script.questions.flatMap((q) => [q.ask, ...q.answers]),
  ...script.resolve,
  ...script.escalate,
]

test('the shares add up to all conversations, English at 70%', () => {
  expect(languagePacks.reduce((total, pack) => total + pack.share, 0)).toBeCloseTo(1)
  expect(languagePacks.find((pack) => pack.language === 'en')?.share).toBe(0.7)
})

test('English covers all 16 topics, every other language several', () => {
  for (const pack of languagePacks) {
    const topics = new Set(pack.scripts.map((script) => script.topic))
    expect(topics.size, pack.language).toBe(pack.scripts.length)
    expect(topics.size, pack.language).toBeGreaterThanOrEqual(pack.language === 'en' ? 16 : 3)
  }
})

test('whatever a title names, every opening line names too, so titles match their stories', () => {
  for (const pack of languagePacks)
    for (const script of pack.scripts) {
      const named = new Set(script.titles.flatMap(placeholders))
      for (const open of script.open)
        for (const key of named)
          expect(open, `${pack.language} ${script.topic}`).toContain(`{${key}}`)
    }
})

test('every placeholder is a known detail', () => {
  for (const pack of languagePacks) {
    const book = Object.values(pack.phrasebook).flat()
    const texts = [
      ...pack.scripts.flatMap(lines),
      ...book.flatMap((entry) =>
        typeof entry === 'string' ? [entry] : [entry.ask, ...entry.answers],
      ),
    ]
    for (const key of texts.flatMap(placeholders)) expect(isDetailKey(key), key).toBe(true)
  }
})

test('titles never name a courier or an error code, which only messages mention', () => {
  for (const pack of languagePacks)
    for (const script of pack.scripts)
      for (const title of script.titles)
        for (const key of ['courier', 'error']) expect(placeholders(title)).not.toContain(key)
})
