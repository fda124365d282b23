// The mock's data set: seeded, deterministic, cheap enough for 100,000 conversations.
// The list is kept in perform.chat's order, newest-created first, which is not the
// order of updated_at: that is the dashboard's job.
import type { Conversation, CustomerUser } from '../src/lib/contract.ts'
import { createRandom, mixSeed, type Random } from './prng.ts'
import { asciiSlug, conversationTitle, personName, unusualTitles } from './sample-text.ts'

export type MockDbOptions = {
  seed?: number
  conversations?: number
  customers?: number
  now?: Date
}
type ResolvedOptions = { seed: number; conversations: number; customers: number; now: Date }

export type MockDb = {
  options: ResolvedOptions
  conversations: Conversation[]
  customers: CustomerUser[]
  byId: Map<string, Conversation>
  nextNumber: number
}

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
const span = 180 * day

/** Index (in list order) → what makes that row special. Kept near the head on purpose. */
const longThread = 1
const emptyThread = 2
const titleSlots = new Map(unusualTitles.map((title, i) => [3 + i * 7, title]))

export function createMockDb(options: MockDbOptions = {}): MockDb {
  const resolved: ResolvedOptions = {
    seed: options.seed ?? 1,
    conversations: options.conversations ?? 300,
    customers: options.customers ?? 40,
    now: options.now ?? new Date(),
  }
  const random = createRandom(resolved.seed)
  const customers = Array.from({ length: resolved.customers }, (_, i) =>
    createCustomer(random, i + 1, resolved.now.getTime()),
  )
  const db: MockDb = {
    options: resolved,
    conversations: [],
    customers,
    byId: new Map(),
    nextNumber: 1,
  }
  const nowMs = resolved.now.getTime()
  const gap = span / Math.max(1, resolved.conversations)
  let created = nowMs - random.int(1, 10) * minute
  const rows: Conversation[] = []
  for (let i = 0; i < resolved.conversations; i++) {
    const number = resolved.conversations - i
    const previous = rows[i - 1]
    const row = createConversation(random, db, number, created, nowMs)
    // Equal updated_at values exist in real data; the page must break the tie by id.
    if (i % 50 === 49 && previous?.updated_at) row.updated_at = previous.updated_at
    rows.push(row)
    created -= random.int(1, Math.max(2, Math.round(gap * 2)))
  }
  decorate(rows)
  db.conversations = rows
  db.nextNumber = resolved.conversations + 1
  for (const row of rows) db.byId.set(row.id, row)
  return db
}

function decorate(rows: Conversation[]) {
  titleSlots.forEach((title, index) => {
    const row = rows[index]
    if (row) row.title = title
  })
  const set = (index: number, patch: (row: Conversation) => void) => {
    const row = rows[index]
    if (row) patch(row)
  }
  set(longThread, (row) => (row.message_count = 250))
  set(emptyThread, (row) => (row.message_count = 0))
  // The real service may null or omit any field.
  set(12, (row) => (row.title = null))
  set(19, (row) => delete row.title)
  set(26, (row) => (row.customer_user_id = null))
  set(33, (row) => delete row.customer_user_id)
  set(40, (row) => (row.message_count = null))
  set(47, (row) => delete row.message_count)
}

function createConversation(
  random: Random,
  db: MockDb,
  number: number,
  createdMs: number,
  nowMs: number,
): Conversation {
  const recent = random.chance(0.1)
  const age = nowMs - createdMs
  const updatedMs = recent
    ? Math.max(createdMs, nowMs - random.int(0, 59) * minute)
    : createdMs + random.int(0, Math.min(age, 3 * day))
  const customers = db.options.customers
  return {
    id: `conv_${number}`,
    title: conversationTitle(random),
    customer_user_id: customers > 0 ? `cu_${random.int(1, customers)}` : null,
    message_count: random.int(1, 40),
    created_at: new Date(createdMs).toISOString(),
    updated_at: new Date(updatedMs).toISOString(),
  }
}

function createCustomer(random: Random, number: number, nowMs: number): CustomerUser {
  const { first, last } = personName(random)
  const created = nowMs - random.int(30, 720) * day
  const customer: CustomerUser = {
    id: `cu_${number}`,
    external_id: `ext-${10_000 + number}`,
    name: `${first} ${last}`,
    email: `${asciiSlug(first)}.${asciiSlug(last)}${number}@example.com`,
    metadata: {
      plan: random.pick(['free', 'pro', 'enterprise']),
      locale: random.pick(['en', 'de', 'ar']),
    },
    active: random.chance(0.85),
    created_at: new Date(created).toISOString(),
    last_seen_at: new Date(created + random.int(0, nowMs - created)).toISOString(),
  }
  if (number % 17 === 0) customer.name = null
  if (number % 23 === 0) customer.email = null
  return customer
}

/** New conversations arrive at the head of the list, as they do upstream. */
export function insertConversations(db: MockDb, count: number): Conversation[] {
  const newest = db.conversations[0]?.created_at
  let created = Math.max(Date.now(), newest ? Date.parse(newest) + 1000 : 0)
  const added: Conversation[] = []
  for (let i = 0; i < count; i++) {
    const number = db.nextNumber++
    const random = createRandom(mixSeed(db.options.seed, number))
    const row = createConversation(random, db, number, created, created)
    db.byId.set(row.id, row)
    added.unshift(row)
    created += 1000
  }
  db.conversations = added.concat(db.conversations)
  return added
}

/** Puts the data back as it was generated (the test-only reset route). */
export function resetMockDb(db: MockDb): void {
  const fresh = createMockDb(db.options)
  db.conversations = fresh.conversations
  db.customers = fresh.customers
  db.byId = fresh.byId
  db.nextNumber = fresh.nextNumber
}
