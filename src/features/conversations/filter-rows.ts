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
  // Titles are folded the same way (row-keys.ts), and a match must not span two lines.
  const title = foldText(q).replace(/[\r\n]/g, ' ')
  const needle = customerNeedle(customer)
  if (!title && !needle) return null
  return { title, customer: needle, customerIds }
}

/**
 * Every row's folded title joined into one text, a line per row (in snapshot order): one
 * native substring scan finds every match, several times faster than testing 100,000
 * strings. Built once per snapshot, so sorting never rebuilds it; folded titles never
 * contain a newline (see row-keys.ts).
 */
export type SearchIndex = { text: string; starts: Int32Array }

export function searchIndex(keys: RowKeys): SearchIndex {
  const starts = new Int32Array(keys.titles.length + 1)
  let offset = 0
  keys.titles.forEach((title, i) => {
    starts[i] = offset
    offset += title.length + 1
  })
  starts[keys.titles.length] = offset
  return { text: keys.titles.join('\n'), starts }
}

/** Which rows' titles contain `needle`, as a flag per row, and how many. */
function titleMatches({ text, starts }: SearchIndex, needle: string) {
  const hit = new Uint8Array(Math.max(0, starts.length - 1))
  let count = 0
  let line = 0
  let at = text.indexOf(needle)
  while (at !== -1) {
    while ((starts[line + 1] ?? Infinity) <= at) line++
    hit[line] = 1
    count++
    at = text.indexOf(needle, starts[line + 1] ?? text.length)
  }
  return { hit, count }
}

/** The rows (as positions in `rows`) that pass the filter, in the given sorted order. */
export function filterRows(
  rows: readonly Conversation[],
  order: readonly number[],
  index: SearchIndex,
  keys: RowKeys,
  filter: RowFilter | null,
): readonly number[] {
  if (!filter) return order
  const { title, customer, customerIds } = filter
  const keep = (i: number) =>
    !customer ||
    keys.customerIds[i] === customer ||
    customerIds.has(rows[i]?.customer_user_id ?? '')
  if (!title) return order.filter(keep)
  const { hit, count } = titleMatches(index, title)
  if (count === 0) return []
  return order.filter((i) => hit[i] === 1 && keep(i))
}
