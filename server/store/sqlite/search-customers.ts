// Customer suggestions: the customers the Customer filter would keep (id equal, name or
// email containing the text, case-insensitively), best first: the exact id, then names
// starting with the text, emails starting with it, names with a word starting with it,
// then the rest; within each, by the name the list shows.
import type { CustomerUser } from '../../../src/lib/contract.ts'
import { customerNeedle } from '../sort-keys.ts'
import type { Database } from './database.ts'
import { trigramPhrase } from './filters.ts'
import { CUSTOMER_COLUMNS, toCustomer } from '../store-rows.ts'

const RANK = `CASE
    WHEN cu.id_lc = ? THEN 0
    WHEN instr(cu.name_lc, ?) = 1 THEN 1
    WHEN instr(cu.email_lc, ?) = 1 THEN 2
    WHEN instr(cu.name_lc, ' ' || ?) > 0 THEN 3
    ELSE 4
  END`

export function searchCustomers(db: Database, q: string, limit: number): CustomerUser[] {
  const needle = customerNeedle(q)
  if (!needle || limit < 1) return []
  const phrase = trigramPhrase(needle)
  const [byText, textParams] = phrase
    ? ['cu.rowid IN (SELECT rowid FROM customer_text WHERE customer_text MATCH ?)', [phrase]]
    : ['(instr(cu.name_lc, ?) > 0 OR instr(cu.email_lc, ?) > 0)', [needle, needle]]
  const rows = db.all(
    `SELECT ${CUSTOMER_COLUMNS}, ${RANK} AS rank FROM customers cu
     WHERE cu.id_lc = ? OR ${byText}
     ORDER BY rank, cu.display_key, cu.id LIMIT ?`,
    [needle, needle, needle, needle, needle, ...textParams, limit],
  )
  return rows.map(toCustomer)
}
