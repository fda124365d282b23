// The list queries bench:store times (and bench:postgres, on both backends): every kind of
// query the page makes, each run 24 times against 50 ms at p95, count included.
import type { Sort } from '../src/lib/contract.ts'
import { SORT_COLUMNS } from '../src/lib/contract.ts'
import type { ListQuery } from '../server/store/store.ts'
import { customerId, LAST_NAMES, RARE_TITLE_WORDS, STORE_FILL } from './bench-store-rows.ts'

export const STORE_RUNS = 24
export const STORE_TARGET_MS = 50

export type StoreCase = { name: string; query: (run: number) => Partial<ListQuery> }

export const BY_UPDATED: Sort = { column: 'updated_at', desc: true }

/** The query of run `run` of a case: the defaults of the page, then the case's own. */
export const listQuery = (test: StoreCase, run: number): ListQuery => ({
  page: 1,
  limit: 20,
  sort: BY_UPDATED,
  customer: '',
  q: '',
  text: '',
  ...test.query(run),
})

/** The cases; `random` draws the customers they look for. */
export function storeCases(random: () => number): StoreCase[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  return [
    { name: 'default page (last activity, newest first)', query: (i) => ({ page: 1 + (i % 3) }) },
    { name: 'deep page (page 5,000)', query: (i) => ({ page: 5000 + i }) },
    ...SORT_COLUMNS.flatMap((column) =>
      [false, true].map((desc) => ({
        name: `sort ${desc ? '-' : ''}${column}`,
        query: (i: number) => ({ sort: { column, desc }, page: 1 + (i % 3) }),
      })),
    ),
    {
      name: 'customer by id',
      query: () => ({ customer: customerId(Math.floor(random() * STORE_FILL.customers)) }),
    },
    {
      name: 'customer by name fragment',
      query: (i) => ({ customer: pick(LAST_NAMES).slice(0, 4 + (i % 3)) }),
    },
    {
      name: 'common title word (refund, ~8%)',
      query: (i) => ({ q: 'refund', page: 1 + (i % 3) }),
    },
    {
      name: 'rare title word (a few rows)',
      query: (i) => ({ q: RARE_TITLE_WORDS[i % RARE_TITLE_WORDS.length] ?? '' }),
    },
    {
      name: 'customer name + sort title',
      query: () => ({
        customer: pick(LAST_NAMES).toLowerCase(),
        sort: { column: 'title', desc: false },
      }),
    },
    {
      name: 'refund + sort -message_count',
      query: (i) => ({
        q: 'refund',
        sort: { column: 'message_count', desc: true },
        page: 1 + (i % 3),
      }),
    },
  ]
}
