import type { Conversation } from '../../lib/contract.ts'
import { foldText } from '../../lib/text.ts'
import { customerNeedle, matchingCustomerIds, type CustomerIndex } from './customer-index.ts'
import type { RowKeys } from './row-keys.ts'

export type RowFilter = {
  title: string
  customer: string
  customerIds: ReadonlySet<string>
}

const NO_IDS: ReadonlySet<string> = new Set()

/** The customers a Customer filter value keeps, computed once per value rather than per row. */
export function customerMatchSet(customer: string, customers: CustomerIndex): ReadonlySet<string> {
  const needle = customerNeedle(customer)
  return needle ? matchingCustomerIds(customers, needle) : NO_IDS
}

/** Everything a filter value needs, so testing a row is a substring check and a set lookup. */
export function buildRowFilter(
  q: string,
  customer: string,
  customerIds: ReadonlySet<string>,
): RowFilter | null {
  const title = foldText(q)
  const needle = customerNeedle(customer)
  if (!title && !needle) return null
  return { title, customer: needle, customerIds }
}

/**
 * The positions in `order` (already sorted) whose rows pass the filter, so filtering
 * keeps the sort without sorting again.
 */
export function filterOrder(
  rows: readonly Conversation[],
  order: readonly number[],
  keys: RowKeys,
  filter: RowFilter | null,
): readonly number[] {
  if (!filter) return order
  const { title, customer, customerIds } = filter
  return order.filter((i) => {
    if (title && !(keys.titles[i] ?? '').includes(title)) return false
    if (!customer) return true
    if (keys.customerIds[i] === customer) return true
    const id = rows[i]?.customer_user_id
    return typeof id === 'string' && customerIds.has(id)
  })
}

// The last result per sorted order: typing "cre" after "cr" only needs to look at the
// rows "cr" kept, since every title containing "cre" contains "cr".
const lastResults = new WeakMap<
  readonly number[],
  { filter: RowFilter; result: readonly number[] }
>()

const narrows = (previous: RowFilter, next: RowFilter) =>
  previous.customerIds === next.customerIds && next.title.includes(previous.title)

/** filterOrder, starting from the previous result when the new filter can only narrow it. */
export function filterOrderIncremental(
  rows: readonly Conversation[],
  order: readonly number[],
  keys: RowKeys,
  filter: RowFilter | null,
): readonly number[] {
  if (!filter) return order
  const last = lastResults.get(order)
  const base = last && narrows(last.filter, filter) ? last.result : order
  const result = filterOrder(rows, base, keys, filter)
  lastResults.set(order, { filter, result })
  return result
}
