// Rows the tests rely on, by their index in the generated list (newest-created first).
// Kept near the head on purpose, so small data sets hold them too.
import type { Conversation } from '../src/lib/contract.ts'
import { unusualThreads, type UnusualThread } from './transcripts/unusual.ts'

export const longThread = 1
export const emptyThread = 2
/** Messages a conversation holds when the service did not tell us its message_count. */
export const hiddenCount = 5

const unusualSlots = new Map(unusualThreads.map((thread, i) => [3 + i * 7, thread]))

export function unusualAt(index: number): UnusualThread | undefined {
  return unusualSlots.get(index)
}

/** The real service may null or omit any field. */
const patches = new Map<number, (row: Conversation) => void>([
  [12, (row) => (row.title = null)],
  [19, (row) => delete row.title],
  [26, (row) => (row.customer_user_id = null)],
  [33, (row) => delete row.customer_user_id],
  [40, (row) => (row.message_count = null)],
  [47, (row) => delete row.message_count],
])

export function patchAt(index: number): ((row: Conversation) => void) | undefined {
  return patches.get(index)
}

export function hidesCount(index: number): boolean {
  return index === 40 || index === 47
}

/** Equal updated_at values exist in real data; the page must break the tie by id. */
export function sharesUpdatedAt(index: number): boolean {
  return index % 50 === 49
}
