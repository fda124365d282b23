// Customer suggestions, as on SQLite (sqlite/search-customers.ts): the customers the
// Customer filter would keep (id equal, name or email containing the text, case-
// insensitively), best first: the exact id, then names starting with the text, emails
// starting with it, names with a word starting with it, then the rest; within each, by the
// name the list shows. pg_trgm's indexes find the substrings.
import type { CustomerUser } from '../../../src/lib/contract.ts'
import { customerNeedle } from '../sort-keys.ts'
import type { Db } from './database.ts'
import { containing } from './filters.ts'
import { CUSTOMER_COLUMNS, toCustomer } from './rows.ts'

const RANK = `CASE
    WHEN cu.id_lc = ?::text THEN 0
    WHEN starts_with(cu.name_lc, ?::text) THEN 1
    WHEN starts_with(cu.email_lc, ?::text) THEN 2
    WHEN strpos(cu.name_lc, ' ' || ?::text) > 0 THEN 3
    ELSE 4
  END`

export async function searchCustomers(db: Db, q: string, limit: number): Promise<CustomerUser[]> {
  const needle = customerNeedle(q)
  if (!needle || limit < 1) return []
  const rows = await db.all(
    `SELECT ${CUSTOMER_COLUMNS}, ${RANK} AS rank FROM mirror_customers cu
     WHERE cu.id_lc = ? OR cu.name_lc LIKE ? OR cu.email_lc LIKE ?
     ORDER BY rank, cu.display_key, cu.id LIMIT ?`,
    [needle, needle, needle, needle, needle, containing(needle), containing(needle), limit],
  )
  return rows.map(toCustomer)
}
