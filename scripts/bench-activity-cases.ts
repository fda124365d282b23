// The activity chart's queries bench:activity times (and bench:postgres, on both backends):
// conversations created per day over 90 days, windows moving day by day, with no filter, a
// customer's name or id, and a title word, against 100 ms at p95; and the list filtered by
// a 90-day Created range, for reference (bench:store holds the list's own target).
import type { ListFilters } from '../src/lib/contract.ts'
import type { ListQuery } from '../server/store/store.ts'

export const ACTIVITY_RUNS = 24
export const ACTIVITY_TARGET_MS = 100
export const DAYS = 90
const DAY = 86_400_000
// Both fills create conversations from 2023-01-01 over ~580 days.
const FIRST_DAY = Date.UTC(2023, 0, 1)
const LAST_DAY = Date.UTC(2024, 6, 31)
/** How many days back the oldest window of a run of ACTIVITY_RUNS may start. */
export const OLDEST_BACK = Math.floor((LAST_DAY - FIRST_DAY) / DAY) - DAYS - ACTIVITY_RUNS

export const NO_FILTERS: ListFilters = { customer: '', q: '', text: '' }

/** The 91 bounds of 90 days ending `back` days before the last day of the fill. */
export const activityWindow = (back: number) => {
  const start = LAST_DAY - (DAYS + back) * DAY
  return Array.from({ length: DAYS + 1 }, (_, i) => start + i * DAY)
}

export type ActivityCase = { name: string; filters: (run: number) => ListFilters }

/** The cases; `rareWords` are title words the fill holds a few times each. */
export const activityCases = (rareWords: readonly string[]): ActivityCase[] => [
  { name: 'no filter', filters: () => NO_FILTERS },
  // Customer names in the fills are a first and a last name of a few dozen each.
  { name: 'customer name (garcia, ~1/16)', filters: () => ({ ...NO_FILTERS, customer: 'garcia' }) },
  {
    name: 'customer id',
    filters: (i) => ({ ...NO_FILTERS, customer: `cus_${String(i * 7919).padStart(7, '0')}` }),
  },
  { name: 'title word (refund, ~8%)', filters: () => ({ ...NO_FILTERS, q: 'refund' }) },
  {
    name: 'title word (rare)',
    filters: (i) => ({ ...NO_FILTERS, q: rareWords[i % rareWords.length] ?? '' }),
  },
]

export type RangeListCase = {
  name: string
  back: number
  sort: 'updated_at' | 'created_at'
  filters?: ListFilters
}

export const RANGE_LIST_CASES: RangeListCase[] = [
  { name: 'list, recent 90 days, -updated_at', back: 0, sort: 'updated_at' },
  { name: 'list, oldest 90 days, -updated_at', back: OLDEST_BACK, sort: 'updated_at' },
  { name: 'list, oldest 90 days, -created_at', back: OLDEST_BACK, sort: 'created_at' },
  {
    name: 'list, 90 days + customer name',
    back: 200,
    sort: 'updated_at',
    filters: { ...NO_FILTERS, customer: 'garcia' },
  },
  {
    name: 'list, 90 days + title word',
    back: 200,
    sort: 'updated_at',
    filters: { ...NO_FILTERS, q: 'refund' },
  },
]

/** Run `run` of a range case: its window moved `run` days back, pages 1 to 3. */
export function rangeListQuery(test: RangeListCase, run: number): ListQuery {
  const bounds = activityWindow(test.back + run)
  return {
    ...(test.filters ?? NO_FILTERS),
    createdFromMs: bounds[0],
    createdBeforeMs: bounds.at(-1),
    sort: { column: test.sort, desc: true },
    page: 1 + (run % 3),
    limit: 20,
  }
}
