import type { Conversation } from '../src/lib/contract.ts'

// What the page should show, computed independently from the mock's data:
// Last activity newest first, ties by id, missing values last.
export function byLastActivity(rows: readonly Conversation[]): Conversation[] {
  return [...rows].sort((a, b) => {
    const x = a.updated_at ?? ''
    const y = b.updated_at ?? ''
    if (x !== y) {
      if (!x) return 1
      if (!y) return -1
      return x < y ? 1 : -1
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
}
