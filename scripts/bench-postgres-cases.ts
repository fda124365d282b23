// The cases bench:postgres times on both backends, each the same query on the same rows:
// bench:store's list queries, bench:activity's 90-day counts (on bench:store's rows) and
// its list with a 90-day range, and bench:messages' searches.
import type { Store } from '../server/store/store.ts'
import { createRandom } from '../mocks/prng.ts'
import {
  ACTIVITY_RUNS,
  ACTIVITY_TARGET_MS,
  activityCases,
  activityWindow,
  RANGE_LIST_CASES,
  rangeListQuery,
} from './bench-activity-cases.ts'
import { timeBoth, type Comparison, type Work } from './bench-compare.ts'
import {
  COUNT_RUNS,
  COUNT_TARGET_MS,
  MESSAGE_CASES,
  MESSAGE_SORTS,
  PAGE_RUNS,
  PAGE_TARGET_MS,
  searchFilters,
} from './bench-messages-cases.ts'
import { RARE_TITLE_WORDS } from './bench-store-rows.ts'
import { listQuery, STORE_RUNS, STORE_TARGET_MS, storeCases } from './bench-store-cases.ts'

export type Pair = { sqlite: Store; postgres: Store }

const both = (pair: Pair, work: (store: Store) => Work) =>
  [work(pair.sqlite), work(pair.postgres)] as const

const seeded = () => {
  const rng = createRandom(13)
  return () => rng.next()
}

export async function measureList(pair: Pair, comparison: Comparison) {
  // The same customers on both: each backend draws from a generator of the same seed.
  const cases = { sqlite: storeCases(seeded()), postgres: storeCases(seeded()) }
  for (const [i, test] of cases.postgres.entries()) {
    const same = cases.sqlite[i] ?? test
    const times = await timeBoth(
      STORE_RUNS,
      async (run) => (await pair.sqlite.listConversations(listQuery(same, run))).total ?? 0,
      async (run) => (await pair.postgres.listConversations(listQuery(test, run))).total ?? 0,
    )
    comparison.add({ what: `list: ${test.name}`, ...times, targetMs: STORE_TARGET_MS })
  }
  const suggestions = await timeBoth(
    STORE_RUNS,
    ...both(pair, (store) => async () => (await store.searchCustomers('garc', 20)).length),
  )
  comparison.add({ what: 'customer suggestions "garc"', ...suggestions, targetMs: null })
}

export async function measureActivity(pair: Pair, comparison: Comparison) {
  for (const test of activityCases(RARE_TITLE_WORDS)) {
    const times = await timeBoth(
      ACTIVITY_RUNS,
      ...both(pair, (store) => async (run) => {
        const counts = await store.activity(test.filters(run), activityWindow(run))
        return counts.reduce((sum, n) => sum + n, 0)
      }),
    )
    const what = `activity 90 days: ${test.name}`
    comparison.add({ what, ...times, targetMs: ACTIVITY_TARGET_MS })
  }
  for (const test of RANGE_LIST_CASES) {
    const times = await timeBoth(
      ACTIVITY_RUNS,
      ...both(
        pair,
        (store) => async (run) =>
          (await store.listConversations(rangeListQuery(test, run))).total ?? 0,
      ),
    )
    comparison.add({ what: `${test.name} (reference)`, ...times, targetMs: null })
  }
}

export async function measureMessages(pair: Pair, comparison: Comparison) {
  for (const { name, text, target } of MESSAGE_CASES) {
    for (const { name: order, sort } of MESSAGE_SORTS) {
      const times = await timeBoth(
        PAGE_RUNS,
        ...both(pair, (store) => async (run) => {
          const page = await store.listConversations({
            ...searchFilters(text),
            sort,
            page: 1 + (run % 2),
            limit: 20,
            withoutTotal: true,
          })
          return page.rows.length
        }),
      )
      const what = `search ${name}: first page by ${order}`
      comparison.add({ what, ...times, targetMs: target ? PAGE_TARGET_MS : null })
    }
    const counts = await timeBoth(
      COUNT_RUNS,
      ...both(pair, (store) => () => store.countConversations(searchFilters(text))),
    )
    const what = `search ${name}: count`
    comparison.add({ what, ...counts, targetMs: target ? COUNT_TARGET_MS : null })
  }
}
