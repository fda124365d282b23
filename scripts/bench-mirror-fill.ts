// A complete-looking SQLite mirror of 1,000,000 synthetic conversations over 200,000
// customers, written through the store's own upserts (the sync's write path, in calls of
// 10,000 rows instead of pages of 100). Filling takes minutes, so the file is kept in the
// temporary folder under a key that changes with this script and with the store's schema
// and sort keys: a re-run reuses it, a change to either fills it again.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRandom } from '../mocks/prng.ts'
import { openStore } from '../server/store/open-store.ts'
import type { Conversation, CustomerUser } from '../src/lib/contract.ts'
import { titleTemplates } from './bench-store-rows.ts'

export const FILL = { conversations: 1_000_000, customers: 200_000 }
const CALL = 10_000

/** Words a title search finds a few times in the whole mirror. */
export const RARE_WORDS = ['zeppelin', 'quokka', 'xylophone', 'marmalade', 'kaleidoscope']

// Deterministic (mulberry32): the same rows on every run and every machine.
const rng = createRandom(20_260_601)
const random = () => rng.next()
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

const FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Elena', 'François', 'Grace', 'Hiro', 'Inès']
const MORE_FIRST = ['Jonas', 'Kofi', 'Laura', 'Mateo', 'Nora', 'Omar', 'Priya', 'Zoë', 'Wei']
const LAST = ['Garcia', 'Smith', 'Müller', 'Rossi', 'Dubois', 'Nguyen', 'Kowalski', 'Silva']
const MORE_LAST = ['Tanaka', 'Okafor', 'Patel', 'Ivanova', 'Cohen', 'Martín', 'Yilmaz', 'Kim']
const TOPICS = ['order', 'delivery', 'invoice', 'subscription', 'account', 'password', 'payment']
const MORE_TOPICS = ['shipping address', 'discount code', 'warranty', 'app', 'login']
const TITLES = titleTemplates(random)
const REFUNDS = ['Refund for order #', 'Requesting a refund ', 'REFUND status ']

const customerId = (n: number) => `cus_${String(n).padStart(7, '0')}`

function makeCustomer(n: number): CustomerUser {
  const first = pick([...FIRST, ...MORE_FIRST])
  const last = pick([...LAST, ...MORE_LAST])
  return {
    id: customerId(n),
    external_id: `ext-${n}`,
    name: random() < 0.05 ? null : `${first} ${last}`,
    email: random() < 0.03 ? null : `${first}.${last}${n}@example.com`.toLowerCase(),
    active: random() < 0.9,
    created_at: new Date(Date.UTC(2022, 0, 1) + Math.floor(random() * 6e10)).toISOString(),
    last_seen_at: null,
  }
}

function makeConversation(n: number): Conversation {
  const created = Date.UTC(2023, 0, 1) + Math.floor(random() * 5e10)
  let title: string | null = pick(TITLES)(pick([...TOPICS, ...MORE_TOPICS]))
  if (random() < 0.08) title = `${pick(REFUNDS)}${n}`
  if (n % 100_000 === 7)
    title = `Lost ${RARE_WORDS[Math.floor(n / 100_000) % RARE_WORDS.length] ?? ''} order`
  if (random() < 0.01) title = null
  return {
    id: `conv_${String(n).padStart(8, '0')}`,
    title,
    customer_user_id: random() < 0.02 ? null : customerId(Math.floor(random() * FILL.customers)),
    message_count: random() < 0.01 ? null : Math.floor(random() * 40),
    created_at: new Date(created).toISOString(),
    updated_at:
      random() < 0.005 ? null : new Date(created + Math.floor(random() * 3e9)).toISOString(),
  }
}

/**
 * What the filled file depends on: this script, the schema, and the keys stored beside each
 * row. The write path's own code is left out: it changes for speed far more often than for
 * what it stores, and a refill costs minutes (delete /tmp/bench-mirror-* to force one).
 */
function fillKey(): string {
  const hash = createHash('sha256')
  const store = join(import.meta.dirname, '../server/store')
  for (const file of [
    import.meta.filename,
    `${store}/sort-keys.ts`,
    `${store}/sqlite/migrations.ts`,
  ])
    hash.update(readFileSync(file))
  return hash.digest('hex').slice(0, 12)
}

async function fill(path: string) {
  const store = await openStore(`file:${path}`, { cacheSizeMb: 512 })
  try {
    for (let n = 0; n < FILL.customers; n += CALL)
      await store.upsertCustomers(Array.from({ length: CALL }, (_, i) => makeCustomer(n + i)))
    for (let n = 0; n < FILL.conversations; n += CALL)
      await store.upsertConversations(
        Array.from({ length: CALL }, (_, i) => makeConversation(n + i)),
      )
    // As the sync does once its first pass is in: a first fill's titles are indexed last.
    await store.finishDeferredIndexes()
  } finally {
    await store.close()
  }
}

/** The filled mirror's path, filled now unless a file of the same key is there already. */
export async function filledMirror(): Promise<{ path: string; reused: boolean; fillMs: number }> {
  const path = join(tmpdir(), `bench-mirror-${fillKey()}.sqlite`)
  if (existsSync(path)) return { path, reused: true, fillMs: 0 }
  // Files of other keys are stale: 650 MB each.
  for (const name of readdirSync(tmpdir()))
    if (name.startsWith('bench-mirror-')) rmSync(join(tmpdir(), name), { force: true })
  const partial = `${path}.partial`
  const started = performance.now()
  await fill(partial)
  // Closing the last connection checkpointed the WAL: the one file holds everything.
  renameSync(partial, path)
  return { path, reused: false, fillMs: performance.now() - started }
}
