import type { Conversation } from '../../lib/contract.ts'
import { parseTime } from '../../lib/format-time.ts'
import { collator } from '../../lib/text.ts'
import type { Sort, SortColumn } from './list-url-state.ts'

/** Numbers and dates start newest/largest first; text starts A to Z. */
export const DESC_FIRST: Record<SortColumn, boolean> = {
  title: false,
  customer: false,
  message_count: true,
  created_at: true,
  updated_at: true,
}

type Keys = { kind: 'number'; values: Float64Array } | { kind: 'text'; values: (string | null)[] }

const text = (value: string | null | undefined) => (value?.trim() ? value : null)

function sortKeys(
  rows: readonly Conversation[],
  column: SortColumn,
  customerText: (row: Conversation) => string | null,
): Keys {
  const numbers = (get: (row: Conversation) => number | undefined) =>
    Float64Array.from(rows, (row) => get(row) ?? Number.NaN)
  switch (column) {
    case 'title':
      return { kind: 'text', values: rows.map((row) => text(row.title)) }
    case 'customer':
      return { kind: 'text', values: rows.map(customerText) }
    case 'message_count':
      return {
        kind: 'number',
        values: numbers((row) =>
          typeof row.message_count === 'number' ? row.message_count : undefined,
        ),
      }
    case 'created_at':
      return { kind: 'number', values: numbers((row) => parseTime(row.created_at)) }
    case 'updated_at':
      return { kind: 'number', values: numbers((row) => parseTime(row.updated_at)) }
  }
}

/**
 * Row positions in display order. Missing values go last in both directions and ties
 * fall back to the id (ascending), so the order is total and every reader sees the same.
 * Keys are extracted once per sort, not once per comparison.
 */
export function sortOrder(
  rows: readonly Conversation[],
  sort: Sort,
  customerText: (row: Conversation) => string | null,
): number[] {
  const keys = sortKeys(rows, sort.column, customerText)
  const sign = sort.desc ? -1 : 1
  const byId = (i: number, j: number) => {
    const a = rows[i]?.id ?? ''
    const b = rows[j]?.id ?? ''
    return a < b ? -1 : a > b ? 1 : 0
  }
  const order = Array.from(rows, (_, i) => i)
  if (keys.kind === 'number') {
    const values = keys.values
    return order.sort((i, j) => {
      const a = values[i] ?? Number.NaN
      const b = values[j] ?? Number.NaN
      if (Number.isNaN(a) || Number.isNaN(b)) {
        return Number.isNaN(a) === Number.isNaN(b) ? byId(i, j) : Number.isNaN(a) ? 1 : -1
      }
      return a === b ? byId(i, j) : (a - b) * sign
    })
  }
  const values = keys.values
  return order.sort((i, j) => {
    const a = values[i] ?? null
    const b = values[j] ?? null
    if (a === null || b === null) return a === b ? byId(i, j) : a === null ? 1 : -1
    return collator.compare(a, b) * sign || byId(i, j)
  })
}
