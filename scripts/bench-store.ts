// `npm run bench:store`: the SQLite mirror at 1,000,000 conversations over 200,000
// customers. Fills a fresh temporary store through the same upserts the sync uses (in
// calls of 10,000 rows rather than pages of 100, so the fill takes a minute, not ten),
// reopens it, then times every kind of list query the page makes, count included:
// p50 and p95 over 24 runs each, against the 50 ms target.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../server/store/open-store.ts'
import type { Store } from '../server/store/store.ts'
import { createStoreRows, fillStore, STORE_FILL } from './bench-store-rows.ts'
import {
  listQuery,
  STORE_RUNS as RUNS,
  STORE_TARGET_MS as TARGET_MS,
  storeCases,
  type StoreCase as Case,
} from './bench-store-cases.ts'

const { conversations: CONVERSATIONS, customers: CUSTOMERS } = STORE_FILL
// The queries draw from the stream the rows were drawn from, after them.
const rows = createStoreRows()

async function fill(url: string) {
  const store = await openStore(url, { cacheSizeMb: 512 })
  await fillStore(store, rows)
  await store.close()
}

const CASES: Case[] = storeCases(rows.random)

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0

async function measure(store: Store, test: Case) {
  const times: number[] = []
  let total: number | null = 0
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    const result = await store.listConversations(listQuery(test, i))
    times.push(performance.now() - started)
    total = result.total
  }
  times.sort((a, b) => a - b)
  const p95 = quantile(times, 0.95)
  const ok = p95 <= TARGET_MS
  console.log(
    `  ${test.name.padEnd(44)} p50 ${quantile(times, 0.5).toFixed(2).padStart(7)} ms  p95 ${p95.toFixed(2).padStart(7)} ms  (target ≤ ${TARGET_MS} ms) ${ok ? 'PASS' : 'MISS'}  [${(total ?? 0).toLocaleString('en')} matches]`,
  )
  return ok ? null : test.name
}

const dir = mkdtempSync(join(tmpdir(), 'bench-store-'))
const url = `file:${join(dir, 'mirror.sqlite')}`
const size = () =>
  ['', '-wal'].reduce(
    (sum, s) => sum + (statSync(`${url.slice(5)}${s}`, { throwIfNoEntry: false })?.size ?? 0),
    0,
  )
try {
  console.log(
    `SQLite mirror: ${CONVERSATIONS.toLocaleString('en')} conversations, ${CUSTOMERS.toLocaleString('en')} customers (load ${loadavg()[0]?.toFixed(2)})`,
  )
  let started = performance.now()
  await fill(url)
  console.log(
    `  fill ${((performance.now() - started) / 1000).toFixed(1)} s, ${(size() / 1e6).toFixed(0)} MB on disk`,
  )
  started = performance.now()
  const store = await openStore(url)
  const openMs = performance.now() - started
  console.log(
    `  open ${openMs.toFixed(1)} ms (target < 1000 ms) ${openMs < 1000 ? 'PASS' : 'MISS'}`,
  )
  const missed = [openMs < 1000 ? null : 'open']
  for (const test of CASES) missed.push(await measure(store, test))
  started = performance.now()
  const found = await store.searchCustomers('garc', 20)
  console.log(
    `  customer suggestions "garc": ${found.length} in ${(performance.now() - started).toFixed(2)} ms (no target)`,
  )
  await store.close()
  const misses = missed.filter((name) => name !== null)
  console.log(misses.length === 0 ? 'targets met' : `TARGETS MISSED: ${misses.join(', ')}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
