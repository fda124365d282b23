// Reading PostgreSQL's rows: the mapping every backend shares (../store-rows.ts), and the
// one thing PostgreSQL's text cannot hold.
export {
  CONVERSATION_COLUMNS,
  CUSTOMER_COLUMNS,
  numberOf,
  textOf,
  toConversationRow,
  toCustomer,
} from '../store-rows.ts'

/**
 * Text as PostgreSQL keeps it: its text cannot hold U+0000 (database.ts replaces it), and
 * a lone surrogate reaches it as U+FFFD (the driver encodes text as UTF-8).
 */
export const storedText = (text: string | null | undefined): string | null =>
  text?.replaceAll('\0', '\uFFFD').toWellFormed() ?? null
