import type { Conversation } from './contract.ts'

export type CsvCell = string | number | boolean | null | undefined

/** Makes spreadsheet programs read accents and emoji as UTF-8; written once, first. */
export const CSV_BOM = '\uFEFF'

const FORMULA_CHARS = new Set(['=', '+', '-', '@'])
const NEEDS_QUOTES = /[",\r\n]/

/**
 * Whether a spreadsheet could run the cell as a formula (CSV injection). Beyond the
 * contract's rule (a first character of = + - @, tab or carriage return), programs skip
 * leading whitespace and fold compatibility forms (full-width ＝＋－＠, small ﹦﹢﹣﹫)
 * into ASCII before they look, so the check does both.
 */
function isDangerous(text: string): boolean {
  if (/^[\t\r]/.test(text)) return true
  const first = text.trimStart().codePointAt(0)
  if (first === undefined) return false
  return FORMULA_CHARS.has(String.fromCodePoint(first).normalize('NFKC').charAt(0))
}

function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (isDangerous(text)) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One RFC 4180 record, CRLF included, so a stream can write a file line by line. */
export function csvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

/** A whole RFC 4180 file: the BOM, the header, then every record. */
export function toCsv(header: readonly string[], records: Iterable<readonly CsvCell[]>): string {
  let text = CSV_BOM + csvRecord(header)
  for (const record of records) text += csvRecord(record)
  return text
}

export const CONVERSATION_CSV_HEADER = [
  'id',
  'title',
  'customer_user_id',
  'message_count',
  'created_at',
  'updated_at',
] as const

/** What a conversations export begins with: the BOM and the header line. */
export const CONVERSATIONS_CSV_HEAD = CSV_BOM + csvRecord(CONVERSATION_CSV_HEADER)

/** One conversation as a CSV line, its values as the API gave them. */
export function conversationCsvRecord(row: Conversation): string {
  return csvRecord(CONVERSATION_CSV_HEADER.map((key) => row[key]))
}

/** The conversations as the API gave them, in the order given. */
export function conversationsCsv(rows: Iterable<Conversation>): string {
  let text = CONVERSATIONS_CSV_HEAD
  for (const row of rows) text += conversationCsvRecord(row)
  return text
}

/** `conversations-2025-03-07.csv`, by the reader's local calendar. */
export function csvFileName(prefix: string, date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${prefix}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.csv`
}
