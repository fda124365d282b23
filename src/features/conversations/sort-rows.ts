import { fastCompare } from '../../lib/collate.ts'
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

export type CustomerText = (row: Conversation) => string | null

/** Each row's place among the column's distinct values (equal values share one); missing ones get `distinct`. */
type Ranks = { ranks: Uint32Array; distinct: number }

// Learning the collator's order costs a few milliseconds: not before the first text sort.
let compareText: ((a: string, b: string) => number) | undefined
const text = (value: string | null | undefined) => (value?.trim() ? value : null)

function textRanks(values: readonly (string | null)[]): Ranks {
  const compare = (compareText ??= fastCompare(collator))
  // Sorting the distinct texts, not the rows: many conversations share a title or a customer.
  const distinct = [...new Set(values)].filter((value) => value !== null).sort(compare)
  const rankOf = new Map<string, number>()
  let rank = -1
  distinct.forEach((value, i) => {
    // Texts the collator calls equal (é and e + U+0301) share a rank, so ties go by id.
    if (i === 0 || compare(distinct[i - 1] ?? '', value) !== 0) rank++
    rankOf.set(value, rank)
  })
  const missing = rank + 1
  const ranks = Uint32Array.from(values, (value) =>
    value === null ? missing : (rankOf.get(value) ?? missing),
  )
  return { ranks, distinct: missing }
}

function numberRanks(values: Float64Array): Ranks {
  const sorted = values.slice().sort() // NaN (missing) sorts last
  let distinct = 0
  for (let i = 0; i < sorted.length; i++) {
    const value = sorted[i] ?? Number.NaN
    if (Number.isNaN(value)) break
    if (i === 0 || value !== sorted[i - 1]) sorted[distinct++] = value
  }
  const ranks = new Uint32Array(values.length)
  values.forEach((value, i) => {
    if (Number.isNaN(value)) return void (ranks[i] = distinct)
    let low = 0
    let high = distinct - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if ((sorted[middle] ?? Number.NaN) < value) low = middle + 1
      else high = middle
    }
    ranks[i] = low
  })
  return { ranks, distinct }
}

function columnRanks(
  rows: readonly Conversation[],
  column: SortColumn,
  customerText: CustomerText,
) {
  const numbers = (get: (row: Conversation) => number | undefined) =>
    numberRanks(Float64Array.from(rows, (row) => get(row) ?? Number.NaN))
  switch (column) {
    case 'title':
      return textRanks(rows.map((row) => text(row.title)))
    case 'customer':
      return textRanks(rows.map(customerText))
    case 'message_count':
      return numbers((row) =>
        typeof row.message_count === 'number' ? row.message_count : undefined,
      )
    case 'created_at':
      return numbers((row) => parseTime(row.created_at))
    case 'updated_at':
      return numbers((row) => parseTime(row.updated_at))
  }
}

/**
 * Row positions in display order. Missing values go last in both directions and ties
 * fall back to the id (ascending), so the order is total and every reader sees the same.
 */
function orderByRanks(rows: readonly Conversation[], { ranks, distinct }: Ranks, desc: boolean) {
  const n = rows.length
  // rank * n + position, sorted as plain numbers (exact below 2^53): no comparator calls.
  const keys = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const rank = ranks[i] ?? distinct
    keys[i] = (desc && rank < distinct ? distinct - 1 - rank : rank) * n + i
  }
  keys.sort()
  const order = Array.from(keys, (key) => key % n)
  const id = (i: number) => rows[i]?.id ?? ''
  const byId = (i: number, j: number) => (id(i) < id(j) ? -1 : id(i) > id(j) ? 1 : 0)
  // Runs of equal values came out by position; the contract breaks ties by id.
  let start = 0
  for (let end = 1; end <= n; end++) {
    if (end < n && Math.floor((keys[end] ?? 0) / n) === Math.floor((keys[start] ?? 0) / n)) continue
    if (end - start > 1) {
      const run = order.slice(start, end).sort(byId)
      for (let k = 0; k < run.length; k++) order[start + k] = run[k] ?? 0
    }
    start = end
  }
  return order
}

export type RowSorter = (sort: Sort, customerText: CustomerText) => number[]

/**
 * Sorts one snapshot's rows. Each column's ranks are computed on its first sort and kept,
 * so reversing a column or coming back to it sorts numbers only; the Customer column's
 * ranks are kept for as long as the same `customerText` is passed.
 */
export function createRowSorter(rows: readonly Conversation[]): RowSorter {
  const cache = new Map<SortColumn, { ranks: Ranks; customerText: CustomerText }>()
  return (sort, customerText) => {
    let entry = cache.get(sort.column)
    if (!entry || (sort.column === 'customer' && entry.customerText !== customerText)) {
      entry = { ranks: columnRanks(rows, sort.column, customerText), customerText }
      cache.set(sort.column, entry)
    }
    return orderByRanks(rows, entry.ranks, sort.desc)
  }
}
