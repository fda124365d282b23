// `npm run bench:activity`: conversations created per day over 90 days, at 1,000,000
// conversations over 200,000 customers (the mirror of bench-mirror-fill.ts, filled once and
// reused while the store's schema and write path stay the same). p50 and p95 over 24 runs
// each, windows moving day by day, with no filter, a customer's name or id, and a title
// word, against 100 ms at p95. The Created range on the list is timed too, for reference.
import { loadavg } from 'node:os'
import type { ListFilters } from '../src/lib/contract.ts'
import { openStore } from '../server/store/open-store.ts'
import type { Store } from '../server/store/store.ts'
import { FILL, filledMirror, RARE_WORDS } from './bench-mirror-fill.ts'

const RUNS = 24
const TARGET_MS = 100
const LIST_TARGET_MS = 50
const DAY = 86_400_000
const DAYS = 90
// The fill creates conversations from 2023-01-01 over ~580 days.
const FIRST_DAY = Date.UTC(2023, 0, 1)
const LAST_DAY = Date.UTC(2024, 6, 31)

const NO_FILTERS: ListFilters = { customer: '', q: '', text: '' }

/** The 91 bounds of 90 days ending `back` days before the last day of the fill. */
const window = (back: number) => {
  const start = LAST_DAY - (DAYS + back) * DAY
  return Array.from({ length: DAYS + 1 }, (_, i) => start + i * DAY)
}

type Case = { name: string; filters: (run: number) => ListFilters }

const CASES: Case[] = [
  { name: 'no filter', filters: () => NO_FILTERS },
  // Customer names in the fill are a first and a last name of 18 each.
  { name: 'customer name (garcia, ~1/16)', filters: () => ({ ...NO_FILTERS, customer: 'garcia' }) },
  {
    name: 'customer id',
    filters: (i) => ({ ...NO_FILTERS, customer: `cus_${String(i * 7919).padStart(7, '0')}` }),
  },
  { name: 'title word (refund, ~8%)', filters: () => ({ ...NO_FILTERS, q: 'refund' }) },
  {
    name: 'title word (rare)',
    filters: (i) => ({ ...NO_FILTERS, q: RARE_WORDS[i % RARE_WORDS.length] ?? '' }),
  },
]

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0

async function timed(work: (run: number) => Promise<number>) {
  const times: number[] = []
  let found = 0
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    found = await work(i)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), found }
}

const line = (name: string, t: { p50: number; p95: number }, target: string, found: string) =>
  `  ${name.padEnd(40)} p50 ${t.p50.toFixed(2).padStart(7)} ms  p95 ${t.p95.toFixed(2).padStart(7)} ms  ${target}  [${found}]`

async function activity(store: Store, { name, filters }: Case) {
  const t = await timed(async (i) => {
    const counts = await store.activity(filters(i), window(i))
    return counts.reduce((sum, n) => sum + n, 0)
  })
  const ok = t.p95 <= TARGET_MS
  console.log(
    line(
      name,
      t,
      `(target ≤ ${TARGET_MS} ms) ${ok ? 'PASS' : 'MISS'}`,
      `${t.found.toLocaleString('en')} in ${DAYS} days`,
    ),
  )
  return ok ? null : name
}

type ListCase = { back: number; sort: 'updated_at' | 'created_at'; filters?: ListFilters }

/** The list filtered by a 90-day Created range: not a target here (bench:store has the list's). */
async function list(store: Store, name: string, { back, sort, filters = NO_FILTERS }: ListCase) {
  const t = await timed(async (i) => {
    const bounds = window(back + i)
    const page = await store.listConversations({
      ...filters,
      createdFromMs: bounds[0],
      createdBeforeMs: bounds.at(-1),
      sort: { column: sort, desc: true },
      page: 1 + (i % 3),
      limit: 20,
    })
    return page.total ?? 0
  })
  console.log(
    line(name, t, `(list ≤ ${LIST_TARGET_MS} ms, for reference)`, t.found.toLocaleString('en')),
  )
}

console.log(
  `Activity: ${FILL.conversations.toLocaleString('en')} conversations, ${FILL.customers.toLocaleString('en')} customers, ${DAYS} days (load ${loadavg()[0]?.toFixed(2)})`,
)
const filled = await filledMirror()
console.log(
  filled.reused
    ? `  mirror reused from ${filled.path}`
    : `  mirror filled in ${(filled.fillMs / 1000).toFixed(1)} s (${filled.path})`,
)
const store = await openStore(`file:${filled.path}`)
try {
  const missed: (string | null)[] = []
  for (const test of CASES) missed.push(await activity(store, test))
  const oldest = Math.floor((LAST_DAY - FIRST_DAY) / DAY) - DAYS - RUNS
  const updated = 'updated_at'
  await list(store, 'list, recent 90 days, -updated_at', { back: 0, sort: updated })
  await list(store, 'list, oldest 90 days, -updated_at', { back: oldest, sort: updated })
  await list(store, 'list, oldest 90 days, -created_at', { back: oldest, sort: 'created_at' })
  const garcia = { ...NO_FILTERS, customer: 'garcia' }
  await list(store, 'list, 90 days + customer name', { back: 200, sort: updated, filters: garcia })
  const refund = { ...NO_FILTERS, q: 'refund' }
  await list(store, 'list, 90 days + title word', { back: 200, sort: updated, filters: refund })
  const misses = missed.filter((name) => name !== null)
  console.log(misses.length === 0 ? 'targets met' : `TARGETS MISSED: ${misses.join(', ')}`)
} finally {
  await store.close()
}
