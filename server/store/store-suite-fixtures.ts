// Rows for the store contract suite: few enough to know every expected order by hand,
// chosen so that each rule shows (ties, missing values, case, accents, time zones).
import type {
  Conversation,
  CustomerUser,
  ListFilters,
  Message,
  Sort,
} from '../../src/lib/contract.ts'
import type { ListQuery, Store } from './store.ts'

export const conversation = (id: string, fields: Partial<Conversation> = {}): Conversation => ({
  id,
  title: `Conversation ${id}`,
  customer_user_id: null,
  message_count: 1,
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
  ...fields,
})

export const customer = (id: string, fields: Partial<CustomerUser> = {}): CustomerUser => ({
  id,
  external_id: null,
  name: null,
  email: null,
  active: true,
  created_at: '2023-06-01T00:00:00Z',
  last_seen_at: null,
  ...fields,
})

export const NO_FILTERS: ListFilters = { customer: '', q: '', text: '' }

/** Message `n` of a conversation, a minute after the one before. */
export const message = (
  conversationId: string,
  n: number,
  content: string | null,
  fields: Partial<Message> = {},
): Message => ({
  id: `${conversationId}-m${n}`,
  conversation_id: conversationId,
  role: n % 2 === 0 ? 'user' : 'assistant',
  content,
  created_at: new Date(Date.UTC(2024, 0, 1, 12, n)).toISOString(),
  ...fields,
})

/** Stores each conversation's messages (one string each), read for its current state. */
export async function storeMessages(
  store: Store,
  threads: Record<string, readonly string[]>,
): Promise<void> {
  for (const [id, contents] of Object.entries(threads)) {
    const held = await store.getConversation(id)
    await store.replaceMessages(
      id,
      contents.map((content, n) => message(id, n, content)),
      { message_count: held?.message_count ?? null, updated_at: held?.updated_at ?? null },
    )
  }
}

/** Conversations (`id` and default fields), each holding the given messages. */
export async function withThreads(
  store: Store,
  threads: Record<string, readonly string[]>,
): Promise<void> {
  await store.upsertConversations(Object.keys(threads).map((id) => conversation(id)))
  await storeMessages(store, threads)
}

/** The ids a message search finds, sorted (for comparing sets). */
export async function found(store: Store, text: string, fields: Partial<ListQuery> = {}) {
  return (await ids(store, { ...fields, text })).sort()
}

export const query = (fields: Partial<ListQuery> = {}): ListQuery => ({
  page: 1,
  limit: 100,
  sort: { column: 'updated_at', desc: true },
  ...NO_FILTERS,
  ...fields,
})

/** The ids of one page, in order. */
export async function ids(store: Store, fields: Partial<ListQuery> = {}): Promise<string[]> {
  return (await store.listConversations(query(fields))).rows.map((row) => row.id)
}

/** Display names: 'Émile' and 'emile' tie once folded; a blank name falls back to the email. */
export const SORT_CUSTOMERS = [
  customer('cu_a', { name: 'Émile', email: 'e@example.com' }),
  customer('cu_b', { name: '  ', email: 'bob@example.com' }),
  customer('cu_c'),
  customer('cu_d', { name: 'emile' }),
]

// Created and updated times carry offsets whose text order is not their time order.
export const SORT_CONVERSATIONS = [
  conversation('c01', {
    title: 'banana',
    customer_user_id: 'cu_a',
    message_count: 5,
    created_at: '2024-01-02T00:00:00Z',
    updated_at: '2024-03-01T10:00:00+02:00',
  }),
  conversation('c02', {
    title: 'Apple',
    customer_user_id: 'cu_b',
    message_count: 5,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-03-01T09:00:00Z',
  }),
  conversation('c03', {
    title: 'apple',
    customer_user_id: 'cu_c',
    message_count: null,
    created_at: null,
    updated_at: '2024-03-01T08:30:00+00:00',
  }),
  conversation('c04', {
    title: 'Érable',
    customer_user_id: 'cu_d',
    message_count: 2,
    created_at: 'not a date',
    updated_at: null,
  }),
  conversation('c05', {
    title: null,
    customer_user_id: 'zz_unknown',
    message_count: 7,
    created_at: '2024-01-03T00:00:00-05:00',
    updated_at: '2024-03-01T08:00:00Z',
  }),
  conversation('c06', {
    title: '   ',
    customer_user_id: null,
    message_count: 5,
    created_at: '2024-01-03T04:00:00Z',
    updated_at: '',
  }),
  conversation('c07', {
    title: 'cherry',
    customer_user_id: 'cu_a',
    message_count: undefined,
    created_at: '2024-01-02T00:00:00Z',
    updated_at: '2024-03-02T00:00:00Z',
  }),
  conversation('c08', {
    title: 'Fig',
    customer_user_id: 'cu_b',
    message_count: 3,
    created_at: '2024-01-01T12:00:00Z',
    updated_at: '2024-02-01T00:00:00Z',
  }),
]

/** Every sort of SORT_CONVERSATIONS: ties by id ascending and missing values last, both ways. */
export const SORTED: readonly { sort: Sort; expected: string[] }[] = [
  {
    sort: { column: 'title', desc: false },
    expected: ['c02', 'c03', 'c01', 'c07', 'c04', 'c08', 'c05', 'c06'],
  },
  {
    sort: { column: 'title', desc: true },
    expected: ['c08', 'c04', 'c07', 'c01', 'c02', 'c03', 'c05', 'c06'],
  },
  {
    sort: { column: 'customer', desc: false },
    expected: ['c02', 'c08', 'c03', 'c01', 'c04', 'c07', 'c05', 'c06'],
  },
  {
    sort: { column: 'customer', desc: true },
    expected: ['c05', 'c01', 'c04', 'c07', 'c03', 'c02', 'c08', 'c06'],
  },
  {
    sort: { column: 'message_count', desc: false },
    expected: ['c04', 'c08', 'c01', 'c02', 'c06', 'c05', 'c03', 'c07'],
  },
  {
    sort: { column: 'message_count', desc: true },
    expected: ['c05', 'c01', 'c02', 'c06', 'c08', 'c04', 'c03', 'c07'],
  },
  {
    sort: { column: 'created_at', desc: false },
    expected: ['c02', 'c08', 'c01', 'c07', 'c06', 'c05', 'c03', 'c04'],
  },
  {
    sort: { column: 'created_at', desc: true },
    expected: ['c05', 'c06', 'c01', 'c07', 'c08', 'c02', 'c03', 'c04'],
  },
  {
    sort: { column: 'updated_at', desc: false },
    expected: ['c08', 'c01', 'c05', 'c03', 'c02', 'c07', 'c04', 'c06'],
  },
  {
    sort: { column: 'updated_at', desc: true },
    expected: ['c07', 'c02', 'c03', 'c01', 'c05', 'c08', 'c04', 'c06'],
  },
]

/** Suggestions for "ANN", best first, and one customer that must not match. */
export const SEARCH_CUSTOMERS = [
  customer('s_joanne', { name: 'Joanne' }),
  customer('s_mary', { name: 'Mary Annabel' }),
  customer('s_bob', { name: 'Bob', email: 'anne@example.com' }),
  customer('s_annie', { name: 'Annie Hall' }),
  customer('ann', { name: 'Zed' }),
  customer('s_anna', { name: 'Anna Smith' }),
  customer('s_anderson', { name: 'Anderson' }),
]
export const ANN_RANKED = ['ann', 's_anna', 's_annie', 's_bob', 's_mary', 's_joanne']
