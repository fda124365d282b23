// The languages the mock's customers write in, with their shares: mostly English, and
// Latin with accents, Cyrillic, Greek and right-to-left Arabic for the rest.
import type { Random } from './prng.ts'
import { arabic } from './transcripts/ar.ts'
import { german } from './transcripts/de.ts'
import { greek } from './transcripts/el.ts'
import { english } from './transcripts/en.ts'
import { spanish } from './transcripts/es.ts'
import { french } from './transcripts/fr.ts'
import { russian } from './transcripts/ru.ts'
import type { Language, LanguagePack } from './transcripts/script.ts'

export const languagePacks: readonly LanguagePack[] = [
  english,
  german,
  french,
  spanish,
  russian,
  greek,
  arabic,
]

export function pickLanguage(random: Random): LanguagePack {
  let left = random.next()
  for (const pack of languagePacks) {
    left -= pack.share
    if (left < 0) return pack
  }
  return english
}

/**
 * Customers' locales, in a cycle that holds every language within its first 20
 * customers and keeps English at 70%.
 */
const localeCycle: readonly Language[] = [
  'en', 'de', 'en', 'fr', 'en', 'es', 'en', 'ru', 'en', 'el',
  'en', 'ar', 'en', 'en', 'en', 'en', 'en', 'en', 'en', 'en',
] // prettier-ignore

export function customerLocale(number: number): Language {
  return localeCycle[(number - 1) % localeCycle.length] ?? 'en'
}
