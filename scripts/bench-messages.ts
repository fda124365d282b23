// `npm run bench:messages`: the message search at 1,000,000 conversations holding
// 20,000,000 messages. Fills a store through the store's own message writes (many
// conversations a transaction, as a bulk load), keeps it in the temporary folder under a
// version key (a re-run reuses it; `--fresh` fills it again), then times the first page of
// a common word, a rare word, two words and a prefix, in the default order and by title,
// against 100 ms at p95, and their exact count against 1 s. `--scale=0.1` for a quick run;
// `--index-build` also times building the full-text index alone, from the stored messages.
import { rmSync, statSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { loadavg } from 'node:os'
import { openStore } from '../server/store/open-store.ts'
import { indexedWords } from '../server/store/message-words.ts'
import type { Store } from '../server/store/store.ts'
import {
  COUNT_RUNS,
  COUNT_TARGET_MS,
  MESSAGE_CASES,
  MESSAGE_SORTS,
  PAGE_RUNS,
  PAGE_TARGET_MS,
  searchFilters,
} from './bench-messages-cases.ts'
import { sqliteMessagesFile } from './bench-messages-sqlite.ts'

const arg = (name: string) =>
  process.argv.find((a) => a.startsWith(`--${name}`))?.split('=')[1] ?? null
const SCALE = Number(arg('scale') ?? 1)
const CONVERSATIONS = Math.round(1_000_000 * SCALE)

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`

/**
 * Builds the full-text index of every stored message again, alone, into a file of its own
 * (the table as migration 2 defines it), and reports the time and the size.
 */
function timeIndexBuild(path: string) {
  const built = `${path}.index-build`
  rmSync(built, { force: true })
  const db = new DatabaseSync(path)
  db.function('indexed_words', (content) =>
    indexedWords(typeof content === 'string' ? content : null),
  )
  db.prepare('ATTACH ? AS built').run(built)
  db.exec(`CREATE VIRTUAL TABLE built.message_text USING fts5 (
     words, tokenize = 'ascii', detail = none, content = '', contentless_delete = 1);
   INSERT INTO built.message_text (message_text, rank) VALUES ('hashsize', ${256 * 1024 * 1024})`)
  const started = performance.now()
  const last = Number(db.prepare('SELECT max(rowid) AS n FROM conversations').get()?.n ?? 0)
  const insert = db.prepare(`INSERT INTO built.message_text (rowid, words)
    SELECT rowid, indexed_words(content) FROM main.messages
    WHERE rowid BETWEEN (? << 20) AND (? << 20) - 1 AND content IS NOT NULL`)
  db.exec('BEGIN')
  // In slices: node:sqlite frees what a JavaScript function returned only once the
  // statement that called it is done.
  for (let from = 0; from <= last; from += 10_000) insert.run(from, from + 10_000)
  db.exec('COMMIT')
  console.log(
    `  index alone: built from the stored messages in ${seconds(started)}, ${(statSync(built).size / 1e6).toFixed(0)} MB`,
  )
  db.exec('DETACH built')
  db.close()
  rmSync(built, { force: true })
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0

async function time(runs: number, work: (run: number) => Promise<unknown>) {
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    await work(run)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) }
}

function report(label: string, t: { p50: number; p95: number }, target: number | null) {
  const verdict =
    target === null ? '(no target)' : `(target ≤ ${target} ms) ${t.p95 <= target ? 'PASS' : 'MISS'}`
  console.log(
    `  ${label.padEnd(62)} p50 ${t.p50.toFixed(1).padStart(7)} ms  p95 ${t.p95.toFixed(1).padStart(7)} ms  ${verdict}`,
  )
  return target === null || t.p95 <= target ? null : label
}

async function measure(store: Store): Promise<string[]> {
  const missed: (string | null)[] = []
  for (const { name, text, target } of MESSAGE_CASES) {
    for (const { name: order, sort } of MESSAGE_SORTS) {
      const page = await time(PAGE_RUNS, (run) =>
        store.listConversations({
          ...searchFilters(text),
          sort,
          page: 1 + (run % 2),
          limit: 20,
          withoutTotal: true,
        }),
      )
      missed.push(report(`${name}: first page by ${order}`, page, target ? PAGE_TARGET_MS : null))
    }
    let total = 0
    const count = await time(COUNT_RUNS, async () => {
      total = await store.countConversations(searchFilters(text))
    })
    missed.push(
      report(
        `${name}: count [${total.toLocaleString('en')}]`,
        count,
        target ? COUNT_TARGET_MS : null,
      ),
    )
  }
  return missed.filter((name) => name !== null)
}

console.log(
  `Message search: ${CONVERSATIONS.toLocaleString('en')} conversations, ~${(CONVERSATIONS * 20).toLocaleString('en')} messages (load ${loadavg()[0]?.toFixed(2)})`,
)
const { path, reused } = sqliteMessagesFile({
  conversations: CONVERSATIONS,
  fresh: process.argv.includes('--fresh'),
})
if (reused) console.log(`  reusing ${path} (--fresh to fill it again)`)
if (process.argv.includes('--index-build')) timeIndexBuild(path)
const store = await openStore(`file:${path}`, { cacheSizeMb: 512 })
const coverage = await store.messageCoverage()
console.log(
  `  coverage ${coverage.searched.toLocaleString('en')} of ${coverage.total.toLocaleString('en')}`,
)
const missed = await measure(store)
await store.close()
// The machine's load says whether other work shared the CPU while the times were taken.
console.log(`  (load ${loadavg()[0]?.toFixed(2)} at the end)`)
console.log(missed.length === 0 ? 'targets met' : `TARGETS MISSED: ${missed.join('; ')}`)
