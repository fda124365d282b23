// The mock's data set: seeded, deterministic, cheap enough for 100,000 conversations.
// The list is kept in perform.chat's order, newest-created first, which is not the
// order of updated_at: that is the dashboard's job. What each conversation says is in
// plan.ts (its story) and messages.ts (its messages, made on request).
import type { Conversation, CustomerUser } from '../src/lib/contract.ts'
import { customerLocale } from './languages.ts'
import { planOf, type Plan } from './plan.ts'
import { createRandom, mixSeed, type Random } from './prng.ts'
import { asciiSlug, personName } from './sample-text.ts'
import { longThread, patchAt, sharesUpdatedAt } from './special-rows.ts'
import { naturalGaps, sum, timingRandom } from './timeline.ts'

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
  const pickCustomer = customerPicker(customers)
  const nowMs = resolved.now.getTime()
  const gap = span / Math.max(1, resolved.conversations)
  let created = nowMs - random.int(15, 40) * minute
  const rows: Conversation[] = []
  for (let i = 0; i < resolved.conversations; i++) {
    const number = resolved.conversations - i
    const plan = planOf(resolved, number)
    const duration = sum(naturalGaps(timingRandom(resolved.seed, number), plan.messages))
    // The long thread is a whole afternoon's chat that ended a little while ago.
    if (i === longThread)
      created = Math.min(created, nowMs - duration - random.int(20, 90) * minute)
    const row = createConversation(plan, number, created, duration, nowMs)
    row.customer_user_id = pickCustomer(random, plan.pack.language)
    const previous = rows[i - 1]
    if (sharesUpdatedAt(i) && previous?.updated_at) row.updated_at = previous.updated_at
    patchAt(i)?.(row)
    rows.push(row)
    created -= random.int(1, Math.max(2, Math.round(gap * 2)))
  }
  db.conversations = rows
  db.nextNumber = resolved.conversations + 1
  for (const row of rows) db.byId.set(row.id, row)
  return db
}

/**
 * updated_at is the last message's time: the end of the natural thread, or a late
 * comeback. One that just arrived (duration 0) ends where it starts.
 */
function createConversation(
  plan: Plan,
  number: number,
  createdMs: number,
  duration: number,
  nowMs: number,
): Conversation {
  // A thread that would run past now ends a little before it instead, squeezed.
  let updatedMs = Math.min(createdMs + duration, nowMs - 5 * minute)
  if (plan.reopenedAgo !== undefined) updatedMs = Math.max(updatedMs, nowMs - plan.reopenedAgo)
  updatedMs = Math.max(createdMs, Math.min(updatedMs, nowMs))
  return {
    id: `conv_${number}`,
    title: plan.title,
    customer_user_id: null,
    message_count: plan.messages,
    created_at: new Date(createdMs).toISOString(),
    updated_at: new Date(updatedMs).toISOString(),
  }
}

function localeOf(customer: CustomerUser): string {
  const { metadata } = customer
  return typeof metadata === 'object' && metadata !== null && 'locale' in metadata
    ? String(metadata.locale)
    : 'en'
}

/** Customers mostly write in their own locale's language. */
function customerPicker(customers: readonly CustomerUser[]) {
  const byLocale = new Map<string, CustomerUser[]>()
  for (const customer of customers) {
    const locale = localeOf(customer)
    byLocale.set(locale, [...(byLocale.get(locale) ?? []), customer])
  }
  return (random: Random, language: string): string | null => {
    const fitting = byLocale.get(language) ?? customers
    return fitting.length > 0 ? random.pick(fitting).id : null
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
      locale: customerLocale(number),
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
  const pickCustomer = customerPicker(db.customers)
  const added: Conversation[] = []
  for (let i = 0; i < count; i++) {
    const number = db.nextNumber++
    const plan = planOf(db.options, number)
    const row = createConversation(plan, number, created, 0, created)
    row.customer_user_id = pickCustomer(
      createRandom(mixSeed(db.options.seed, number)),
      plan.pack.language,
    )
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
