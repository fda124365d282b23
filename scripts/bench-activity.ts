// `npm run bench:activity`: conversations created per day over 90 days, at 1,000,000
// conversations over 200,000 customers (the mirror of bench-mirror-fill.ts, filled once and
// reused while the store's schema and write path stay the same). p50 and p95 over 24 runs
// each, windows moving day by day, with no filter, a customer's name or id, and a title
// word, against 100 ms at p95. The Created range on the list is timed too, for reference.
import { loadavg } from 'node:os'
import { openStore } from '../server/store/open-store.ts'
import type { Store } from '../server/store/store.ts'
import {
  ACTIVITY_RUNS as RUNS,
  ACTIVITY_TARGET_MS as TARGET_MS,
  activityCases,
  activityWindow as window,
  type ActivityCase as Case,
  DAYS,
  RANGE_LIST_CASES,
  rangeListQuery,
  type RangeListCase,
} from './bench-activity-cases.ts'
import { FILL, filledMirror, RARE_WORDS } from './bench-mirror-fill.ts'

const LIST_TARGET_MS = 50
const CASES: Case[] = activityCases(RARE_WORDS)

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

/** The list filtered by a 90-day Created range: not a target here (bench:store has the list's). */
async function list(store: Store, test: RangeListCase) {
  const t = await timed(
    async (i) => (await store.listConversations(rangeListQuery(test, i))).total ?? 0,
  )
  console.log(
    line(
      test.name,
      t,
      `(list ≤ ${LIST_TARGET_MS} ms, for reference)`,
      t.found.toLocaleString('en'),
    ),
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
  for (const test of RANGE_LIST_CASES) await list(store, test)
  const misses = missed.filter((name) => name !== null)
  console.log(misses.length === 0 ? 'targets met' : `TARGETS MISSED: ${misses.join(', ')}`)
} finally {
  await store.close()
}
