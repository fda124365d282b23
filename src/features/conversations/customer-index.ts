import type { CustomerUser } from '../../lib/contract.ts'
import { collator } from '../../lib/text.ts'

type Entry = { customer: CustomerUser; id: string; name: string; email: string }

/** Customers by id, plus lowercase name and email computed once per customer snapshot. */
export type CustomerIndex = {
  byId: ReadonlyMap<string, CustomerUser>
  entries: readonly Entry[]
}

export const EMPTY_CUSTOMER_INDEX: CustomerIndex = { byId: new Map(), entries: [] }

export function indexCustomers(customers: readonly CustomerUser[]): CustomerIndex {
  const byId = new Map<string, CustomerUser>()
  const entries = customers.map((customer) => {
    byId.set(customer.id, customer)
    return {
      customer,
      id: customer.id.toLowerCase(),
      name: (customer.name ?? '').toLowerCase(),
      email: (customer.email ?? '').toLowerCase(),
    }
  })
  return { byId, entries }
}

/** The text a Customer filter compares with: case-insensitive, outer spaces ignored. */
export const customerNeedle = (text: string) => text.trim().toLowerCase()

const matches = (entry: Entry, needle: string) =>
  entry.id === needle || entry.name.includes(needle) || entry.email.includes(needle)

/** Ids of the customers whose id equals the text or whose name or email contains it. */
export function matchingCustomerIds(index: CustomerIndex, needle: string): Set<string> {
  const ids = new Set<string>()
  for (const entry of index.entries) if (matches(entry, needle)) ids.add(entry.customer.id)
  return ids
}

function rank(entry: Entry, needle: string): number {
  if (entry.id === needle) return 0
  if (entry.name.startsWith(needle)) return 1
  if (entry.email.startsWith(needle)) return 2
  if (entry.name.includes(` ${needle}`)) return 3
  return 4
}

/** The best matches first: exact id, then name or email beginning with the text. */
export function suggestCustomers(index: CustomerIndex, text: string, max = 8): CustomerUser[] {
  const needle = customerNeedle(text)
  if (!needle) return []
  return index.entries
    .filter((entry) => matches(entry, needle))
    .map((entry) => ({ entry, rank: rank(entry, needle) }))
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        collator.compare(customerName(a.entry.customer), customerName(b.entry.customer)),
    )
    .slice(0, max)
    .map(({ entry }) => entry.customer)
}

/** What the Customer column shows first, and sorts by: the name, else the email, else the id. */
export function customerName(customer: CustomerUser | undefined, id?: string | null): string {
  return customer?.name?.trim() || customer?.email?.trim() || customer?.id || id || ''
}
