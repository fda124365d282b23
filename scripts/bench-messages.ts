// `npm run bench:messages`: the message search at 1,000,000 conversations holding
// 20,000,000 messages. Fills a store through the store's own message writes (many
// conversations a transaction, as a bulk load), keeps it in the temporary folder under a
// version key (a re-run reuses it; `--fresh` fills it again), then times the first page of
// a common word, a rare word, two words and a prefix, in the default order and by title,
// against 100 ms at p95, and their exact count against 1 s. `--scale=0.1` for a quick run;
// `--index-build` also times building the full-text index alone, from the stored messages.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../server/store/open-store.ts'
import { createDatabase, numberOf } from '../server/store/sqlite/database.ts'
import { openConnection } from '../server/store/sqlite/sqlite-file.ts'
import { upsertConversations } from '../server/store/sqlite/write-conversations.ts'
import { writeMessages } from '../server/store/sqlite/write-messages.ts'
import { indexedWords } from '../server/store/message-words.ts'
import type { Store } from '../server/store/store.ts'
import type { Conversation, ListFilters, Message, Sort } from '../src/lib/contract.ts'
import { createRandom } from '../mocks/prng.ts'

// Change when the generated data or the way it is written changes: the cached file goes.
// (A newer schema alone does not: opening the cached file migrates it.)
const DATA_VERSION = 1
const arg = (name: string) =>
  process.argv.find((a) => a.startsWith(`--${name}`))?.split('=')[1] ?? null
const SCALE = Number(arg('scale') ?? 1)
const CONVERSATIONS = Math.round(1_000_000 * SCALE)
const CALL = 2000
const PAGE_RUNS = 24
const COUNT_RUNS = 8
const PAGE_TARGET_MS = 100
const COUNT_TARGET_MS = 1000

// Deterministic (mulberry32): the same messages on every run and every machine.
const rng = createRandom(20_260_610)
const random = () => rng.next()
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
// Words of a pool by rank, the first far more often than the last (as in real text).
const skewed = <T>(items: readonly T[]): T => items[Math.floor(random() ** 2.5 * items.length)] as T

const ENGLISH = `i you the a to my is it and for of your please can this order have be not with
  on we that thanks thank hello hi help me what do was account how will need just at get are
  in no yes so but email sent when still been from payment delivery card address time if
  could would there as they an our received did check sorry shipping support number update
  problem issue any working package know days today tracking change cancel subscription
  password login app error message week again item price charged twice wrong size return
  customer service team sure let look into see right now already tried receive paid bank
  confirm detail details store online website page button click code discount voucher late
  arrived damaged box replace replacement exchange color product quality manager phone`
  .split(/\s+/)
  .filter(Boolean)
const FRENCH = `je vous le la les mon ma est et pour de votre merci bonjour commande livraison
  compte aide problème paiement carte adresse reçu colis déjà été très équipe numéro délai`
  .split(/\s+/)
  .filter(Boolean)
const RUSSIAN = `я вы мой заказ доставка оплата помогите пожалуйста спасибо здравствуйте возврат
  денег карта адрес посылка ещё не пришла номер счёт проблема вопрос`
  .split(/\s+/)
  .filter(Boolean)
const GREEK = `γεια σας η παραγγελία μου δεν έφτασε ακόμα πληρωμή κάρτα διεύθυνση βοήθεια
  ευχαριστώ επιστροφή χρημάτων λογαριασμός πρόβλημα ΟΔΟΣ`
  .split(/\s+/)
  .filter(Boolean)
const ARABIC = `مرحبا طلبي لم يصل بعد الدفع البطاقة العنوان مساعدة شكرا استرداد المبلغ الحساب
  مشكلة الطلب رقم`
  .split(/\s+/)
  .filter(Boolean)
const CHINESE = ['我要退款', '订单还没到', '谢谢', '请帮我查一下', '付款失败了', '地址错了']
const REFUND = ['refund', 'refund', 'refund', 'refund', 'Refund', 'REFUND']
const REFUND_FORMS = ['refunds', 'refunded', 'refundable', 'refused']

/** Mirrors words per message: a skewed mix of languages, an order number now and then. */
function makeContent(index: number): string {
  const language = random()
  const pool =
    language < 0.82
      ? ENGLISH
      : language < 0.9
        ? FRENCH
        : language < 0.94
          ? RUSSIAN
          : language < 0.97
            ? GREEK
            : ARABIC
  const words: string[] = []
  const length = 3 + Math.floor(random() * 28)
  for (let i = 0; i < length; i++) words.push(skewed(pool))
  const at = () => Math.floor(random() * words.length)
  if (random() < 0.15) words.splice(at(), 0, `#${100_000 + Math.floor(random() * 900_000)}`)
  if (random() < 0.02) words.splice(at(), 0, pick(CHINESE))
  // The words the benchmark looks for, at known rates.
  if (random() < 0.1) words.splice(at(), 0, pick(REFUND))
  if (random() < 0.02) words.splice(at(), 0, pick(REFUND_FORMS))
  if (random() < 0.05) words.splice(at(), 0, random() < 0.5 ? 'invoice' : 'Invoice')
  if (random() < 1 / 300) words.splice(at(), 0, 'warranty')
  if (random() < 1 / 20_000) words.splice(at(), 0, 'quokka')
  if (index % 2_857_143 === 1_234) words.splice(at(), 0, 'Zeppelin')
  return `${words.join(' ')}${random() < 0.3 ? '?' : '.'}`
}

const BASE = Date.UTC(2024, 0, 1)

function makeConversation(n: number): { conversation: Conversation; messages: Message[] } {
  const id = `conv_${String(n).padStart(8, '0')}`
  const created = BASE + Math.floor(random() * 3e10)
  const count = 1 + Math.floor(random() * 39)
  const messages = Array.from({ length: count }, (_, i) => ({
    id: `msg_${n}_${i}`,
    conversation_id: id,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: makeContent(n * 20 + i),
    created_at: new Date(created + i * 60_000).toISOString(),
  }))
  const updated = new Date(created + count * 60_000 + Math.floor(random() * 1e9)).toISOString()
  const title = `${pick(['Question about', 'Problem with', 'Help with'])} ${skewed(ENGLISH)}`
  return {
    conversation: {
      id,
      title,
      customer_user_id: null,
      message_count: count,
      created_at: new Date(created).toISOString(),
      updated_at: updated,
    },
    messages,
  }
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`

function fill(path: string) {
  const db = createDatabase(openConnection(path, { cacheSizeMb: 1024 }), path)
  // A bulk load: pending index data is flushed in large segments (FTS5 default: 1 MB).
  db.run(`INSERT INTO message_text (message_text, rank) VALUES ('hashsize', ${256 * 1024 * 1024})`)
  let started = performance.now()
  let messages = 0
  let writeMs = 0
  for (let n = 0; n < CONVERSATIONS; n += CALL) {
    const batch = Array.from({ length: Math.min(CALL, CONVERSATIONS - n) }, (_, i) =>
      makeConversation(n + i),
    )
    const before = performance.now()
    upsertConversations(
      db,
      batch.map((b) => b.conversation),
    )
    db.write(() => {
      for (const { conversation, messages: list } of batch) {
        writeMessages(db, conversation.id, list, {
          message_count: conversation.message_count ?? null,
          updated_at: conversation.updated_at ?? null,
        })
      }
    })
    writeMs += performance.now() - before
    messages += batch.reduce((sum, b) => sum + b.messages.length, 0)
    if ((n / CALL) % 50 === 0) {
      const done = (n + batch.length) / CONVERSATIONS
      console.log(
        `  … ${(done * 100).toFixed(0)}%, ${messages.toLocaleString('en')} messages, ${seconds(started)}`,
      )
    }
  }
  console.log(
    `  filled ${CONVERSATIONS.toLocaleString('en')} conversations, ${messages.toLocaleString('en')} messages in ${seconds(started)} (store writes ${(writeMs / 1000).toFixed(1)} s, the rest generating them)`,
  )
  started = performance.now()
  db.run('PRAGMA wal_checkpoint(TRUNCATE)')
  console.log(`  checkpoint ${seconds(started)}`)
  const sizes = db.all(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name`)
  const bytes = (match: (name: string) => boolean) =>
    sizes
      .filter((row) => match(String(row.name)))
      .reduce((s, row) => s + (numberOf(row.bytes) ?? 0), 0)
  const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`
  const index = bytes((name) => name.startsWith('message_text'))
  const total = bytes(() => true)
  console.log(
    `  on disk ${mb(statSync(path).size)}: messages table ${mb(bytes((name) => name === 'messages'))}, full-text index ${mb(index)} (${((index / total) * 100).toFixed(0)}%), conversations and their indexes ${mb(bytes((name) => name.startsWith('conversations') || name.startsWith('sqlite_autoindex_conversations')))}`,
  )
  db.connection.close()
}

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

type Case = { name: string; text: string; target: boolean }
const CASES: Case[] = [
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
const SORTS: { name: string; sort: Sort }[] = [
  { name: 'last activity', sort: { column: 'updated_at', desc: true } },
  { name: 'title', sort: { column: 'title', desc: false } },
]
const filters = (text: string): ListFilters => ({ customer: '', q: '', text })

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
  for (const { name, text, target } of CASES) {
    for (const { name: order, sort } of SORTS) {
      const page = await time(PAGE_RUNS, (run) =>
        store.listConversations({
          ...filters(text),
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
      total = await store.countConversations(filters(text))
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

const path = join(
  process.env.BENCH_MESSAGES_DIR ?? tmpdir(),
  `performchat-bench-messages-v${DATA_VERSION}-${CONVERSATIONS}.sqlite`,
)
console.log(
  `Message search: ${CONVERSATIONS.toLocaleString('en')} conversations, ~${(CONVERSATIONS * 20).toLocaleString('en')} messages (load ${loadavg()[0]?.toFixed(2)})`,
)
if (process.argv.includes('--fresh'))
  for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true })
if (existsSync(path)) {
  console.log(`  reusing ${path} (--fresh to fill it again)`)
} else {
  const filling = `${path}.filling`
  for (const s of ['', '-wal', '-shm']) rmSync(`${filling}${s}`, { force: true })
  fill(filling)
  renameSync(filling, path)
}
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
