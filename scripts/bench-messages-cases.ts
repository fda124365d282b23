// The message searches bench:messages times (and bench:postgres, on both backends): the
// first page of each, by last activity and by title, against 100 ms at p95, and its exact
// count against 1 s. Cases without a target are timed for reference.
import type { ListFilters, Sort } from '../src/lib/contract.ts'

export const PAGE_RUNS = 24
export const COUNT_RUNS = 8
export const PAGE_TARGET_MS = 100
export const COUNT_TARGET_MS = 1000

export type MessageCase = { name: string; text: string; target: boolean }

export const MESSAGE_CASES: MessageCase[] = [
  { name: 'common word (refund, ~1 message in 10)', text: 'refund', target: true },
  { name: 'rare word (zeppelin, a handful)', text: 'zeppelin', target: true },
  { name: 'two words (refund invoice)', text: 'refund invoice', target: true },
  { name: 'prefix (refu)', text: 'refu', target: true },
  { name: 'sparse word (warranty, 1 in 300)', text: 'warranty', target: false },
  { name: 'rarer word (quokka, 1 in 20,000)', text: 'quokka', target: false },
  { name: 'rare + common (zeppelin refund)', text: 'zeppelin refund', target: false },
  { name: 'Cyrillic (возврат денег)', text: 'возврат денег', target: false },
  { name: 'one letter (r)', text: 'r', target: false },
]

export const MESSAGE_SORTS: { name: string; sort: Sort }[] = [
  { name: 'last activity', sort: { column: 'updated_at', desc: true } },
  { name: 'title', sort: { column: 'title', desc: false } },
]

export const searchFilters = (text: string): ListFilters => ({ customer: '', q: '', text })
