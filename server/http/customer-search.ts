// GET /api/customers?q=: the customer whose id is q, then names or emails that start
// with q, then those that contain it, case-insensitively.
import type { CustomerUser } from '../../src/lib/contract.ts'

const maxCustomerMatches = 20
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

function rank(customer: CustomerUser, needle: string): number {
  if (customer.id.toLowerCase() === needle) return 0
  const fields = [customer.name, customer.email].map((field) => (field ?? '').toLowerCase())
  if (fields.some((field) => field.startsWith(needle))) return 1
  if (fields.some((field) => field.includes(needle))) return 2
  return -1
}

/** By name, nameless customers last, then by id so equal names keep a stable order. */
function byName(a: CustomerUser, b: CustomerUser): number {
  if (!a.name !== !b.name) return a.name ? -1 : 1
  return collator.compare(a.name ?? '', b.name ?? '') || collator.compare(a.id, b.id)
}

export function searchCustomers(customers: readonly CustomerUser[], q: string): CustomerUser[] {
  const needle = q.trim().toLowerCase()
  if (!needle) return []
  return customers
    .map((customer) => ({ customer, rank: rank(customer, needle) }))
    .filter((match) => match.rank >= 0)
    .sort((a, b) => a.rank - b.rank || byName(a.customer, b.customer))
    .slice(0, maxCustomerMatches)
    .map((match) => match.customer)
}
