// The mirror of bench:store (and of bench:postgres, which measures it on both backends):
// 1,000,000 conversations over 200,000 customers, written through the store's own upserts
// (the sync's write path, in calls of 10,000 rows rather than pages of 100). Deterministic
// (mulberry32): each generator made here gives the same rows on every run and every machine,
// then the same stream of random numbers for the queries that follow.
import type { Conversation, CustomerUser } from '../src/lib/contract.ts'
import type { Store } from '../server/store/store.ts'
import { createRandom } from '../mocks/prng.ts'

export const STORE_FILL = { conversations: 1_000_000, customers: 200_000 }
const CALL = 10_000

const FIRST = [
  'Anna',
  'Ben',
  'Chloé',
  'David',
  'Elena',
  'François',
  'Grace',
  'Hiro',
  'Inès',
  'Jonas',
  'Kofi',
  'Laura',
  'Mateo',
  'Nora',
  'Omar',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zoë',
]
export const LAST_NAMES = [
  'Garcia',
  'Smith',
  'Müller',
  'Rossi',
  'Dubois',
  'Nguyen',
  'Kowalski',
  'Silva',
  'Tanaka',
  'Johansson',
  'Okafor',
  'Patel',
  'Ivanova',
  'Larsen',
  'Cohen',
  'Martín',
  'Novak',
  'Walsh',
  'Yilmaz',
  'Fischer',
  'Moreau',
  'Santos',
  'Kim',
  'Haddad',
  'Brennan',
  'Lindqvist',
  'Costa',
  'Weber',
  'Ali',
  'Popescu',
]
const TOPICS = [
  'order',
  'delivery',
  'invoice',
  'subscription',
  'account',
  'password',
  'payment',
  'shipping address',
  'discount code',
  'warranty',
  'app',
  'login',
]
/** Title words the whole mirror holds a few times each. */
export const RARE_TITLE_WORDS = ['zeppelin', 'quokka', 'xylophone']

export const customerId = (n: number) => `cus_${String(n).padStart(7, '0')}`

export type StoreRows = {
  customer: (n: number) => CustomerUser
  conversation: (n: number) => Conversation
  /** The generator's stream, for queries drawn after the rows. */
  random: () => number
  pick: <T>(items: readonly T[]) => T
}

/** The shapes of a generated title around a topic ("Problem with invoice"); bench-mirror-fill.ts uses them too. */
export const titleTemplates = (random: () => number) => [
  (t: string) => `Question about my ${t}`,
  (t: string) => `Problem with ${t}`,
  (t: string) => `Can't change my ${t}`,
  (t: string) => `Help with ${t} #${Math.floor(random() * 90_000) + 10_000}`,
  (t: string) => `Problème de ${t}`,
  (t: string) => `${t[0]?.toUpperCase() ?? ''}${t.slice(1)} not working`,
  (t: string) => `Update ${t} details`,
]

/** Customers 0, 1, 2… then conversations 0, 1, 2…, in that order. */
export function createStoreRows(): StoreRows {
  const rng = createRandom(20_240_601)
  const random = () => rng.next()
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const titles = titleTemplates(random)

  const customer = (n: number): CustomerUser => {
    const first = pick(FIRST)
    const last = pick(LAST_NAMES)
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

  const conversation = (n: number): Conversation => {
    const created = Date.UTC(2023, 0, 1) + Math.floor(random() * 5e10)
    let title: string | null = pick(titles)(pick(TOPICS))
    if (random() < 0.08)
      title = `${pick(['Refund for order #', 'Requesting a refund ', 'REFUND status '])}${n}`
    if (n % 66_667 === 11)
      title = `Lost ${RARE_TITLE_WORDS[Math.floor(n / 66_667) % RARE_TITLE_WORDS.length] ?? ''} order`
    if (random() < 0.01) title = null
    return {
      id: `conv_${String(n).padStart(8, '0')}`,
      title,
      customer_user_id:
        random() < 0.02 ? null : customerId(Math.floor(random() * STORE_FILL.customers)),
      message_count: random() < 0.01 ? null : Math.floor(random() * 40),
      created_at: new Date(created).toISOString(),
      updated_at:
        random() < 0.005
          ? null
          : new Date(created + Math.floor(random() * 3e9)).toISOString().replace('Z', '+00:00'),
    }
  }

  return { customer, conversation, random, pick }
}

/** Writes every row through the store's upserts, customers first, in calls of 10,000. */
export async function fillStore(store: Store, rows: StoreRows): Promise<void> {
  for (let n = 0; n < STORE_FILL.customers; n += CALL) {
    await store.upsertCustomers(Array.from({ length: CALL }, (_, i) => rows.customer(n + i)))
  }
  for (let n = 0; n < STORE_FILL.conversations; n += CALL) {
    await store.upsertConversations(
      Array.from({ length: CALL }, (_, i) => rows.conversation(n + i)),
    )
  }
  // As the sync does once its first pass is in: a first fill's titles are indexed last.
  await store.finishDeferredIndexes()
}
