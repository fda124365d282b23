// The concrete details of one conversation (its order number, amount, courier...), each
// drawn from its own seed on first use, so a title costs only the details it names and
// the messages, made later, find the same ones.
import { createRandom, mixSeed, type Random } from './prng.ts'
import { english } from './transcripts/en.ts'
import type { Words } from './transcripts/script.ts'

const sizes = ['XS', 'S', 'M', 'L', 'XL']

/**
 * Names that occur only in messages, never in titles, each in a subset of the
 * conversations fixed by the seed: "Parcelwise" is one courier of four, "ERR_QUOTA_7731"
 * one upload error of three, "Rücksendeetikett" a German word for the return label.
 */
export const messageOnlyPhrases = ['Parcelwise', 'ERR_QUOTA_7731', 'Rücksendeetikett'] as const

const keys = [
  'order', 'amount', 'product', 'garment', 'size', 'otherSize', 'courier', 'tracking',
  'days', 'error', 'file', 'megabytes', 'invoice', 'vat', 'code', 'plan', 'device',
  'version', 'city', 'case', 'feature', 'last4',
] as const // prettier-ignore

export type DetailKey = (typeof keys)[number]
export type Detail = (key: DetailKey) => string
type Draw = (random: Random, words: Words, detail: Detail) => string

const draws: Record<DetailKey, Draw> = {
  order: (r) => String(r.int(10_000, 99_999)),
  amount: (r, w) => w.money(r.int(9, 240) * 100 + r.pick([0, 50, 90, 99])),
  product: (r, w) => r.pick(w.products),
  garment: (r, w) => r.pick(w.garments ?? english.words.garments ?? []),
  size: (r) => r.pick(sizes),
  otherSize: (r, _, detail) => r.pick(sizes.filter((size) => size !== detail('size'))),
  courier: (r) => r.pick(['Parcelwise', 'DHL', 'UPS', 'GLS']),
  tracking: (r) => `${r.pick(['JD', '1Z', 'PX'])}${r.int(100_000_000, 999_999_999)}`,
  days: (r) => String(r.int(3, 9)),
  error: (r) => r.pick(['ERR_QUOTA_7731', 'ERR_UPLOAD_TIMEOUT', 'ERR_FILE_TYPE_415']),
  file: (r) =>
    r.pick([
      'Q3-report.pdf',
      'site-photos.zip',
      'contract_signed.pdf',
      'IMG_2041.HEIC',
      'plans.dwg',
    ]),
  megabytes: (r) => String(r.int(12, 480)),
  invoice: (r) => `INV-2026-${r.int(1000, 9999)}`,
  vat: (r, w) => `${w.vatPrefix ?? 'EU'}${r.int(100_000_000, 999_999_999)}`,
  code: (r) => r.pick(['SPRING20', 'WELCOME10', 'FRIENDS15', 'SUMMER25']),
  plan: (r) => r.pick(['Pro', 'Team', 'Business']),
  device: (r) => r.pick(['iPhone 15', 'Pixel 8', 'Galaxy S23', 'iPad Air', 'Xiaomi 13']),
  version: (r) => `4.${r.int(8, 14)}.${r.int(0, 3)}`,
  city: (r, w) => r.pick(w.cities),
  case: (r) => String(r.int(100_000, 999_999)),
  feature: (r, w) => r.pick(w.features ?? english.words.features ?? []),
  last4: (r) => String(r.int(1000, 9999)),
}

/** Details a reader sees as numbers, which some languages write with their own digits. */
const numeric = new Set<DetailKey>(['order', 'days', 'megabytes', 'case', 'last4'])

const keyIndex = new Map<string, number>(keys.map((key, i) => [key, i]))

export function isDetailKey(key: string): key is DetailKey {
  return keyIndex.has(key)
}

export function detailsOf(words: Words, seed: number): Detail {
  const known: Partial<Record<DetailKey, string>> = {}
  const detail: Detail = (key) => {
    const found = known[key]
    if (found !== undefined) return found
    const random = createRandom(mixSeed(seed, keyIndex.get(key) ?? 0))
    const value = draws[key](random, words, detail)
    const written = numeric.has(key) && words.digits ? words.digits(value) : value
    known[key] = written
    return written
  }
  return detail
}

/** Templates split once into text and keys: the list fills 100,000 titles. */
const parsed = new Map<string, readonly string[]>()

/** Replaces each {key} with the conversation's detail. */
export function fill(template: string, detail: Detail): string {
  let parts = parsed.get(template)
  if (!parts) {
    // split() with a capture group puts the keys at the odd positions.
    parts = template.split(/\{(\w+)\}/)
    parsed.set(template, parts)
  }
  if (parts.length === 1) return template
  let text = ''
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? ''
    text += i % 2 === 0 ? part : isDetailKey(part) ? detail(part) : `{${part}}`
  }
  return text
}
