import type { Conversation } from './contract.ts'

type Cell = string | number | boolean | null | undefined

/** Spreadsheets run a cell beginning with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * RFC 4180 text: CRLF after every record, quotes where needed, and a UTF-8 byte order
 * mark so spreadsheet programs read accents and emoji correctly.
 */
export function toCsv(header: readonly string[], records: Iterable<readonly Cell[]>): string {
  const lines = [header.map(csvCell).join(',')]
  for (const record of records) lines.push(record.map(csvCell).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

const CONVERSATION_CSV_HEADER = [
  'id',
  'title',
  'customer_user_id',
  'message_count',
  'created_at',
  'updated_at',
] as const

/** The conversations as the API gave them, in the order given. */
export function conversationsCsv(rows: Iterable<Conversation>): string {
  function* records() {
    for (const row of rows) yield CONVERSATION_CSV_HEADER.map((key) => row[key])
  }
  return toCsv(CONVERSATION_CSV_HEADER, records())
}

/** `conversations-2025-03-07.csv`, by the reader's local calendar. */
export function csvFileName(prefix: string, date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${prefix}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.csv`
}
