import { expect, test } from 'vitest'
import {
  conversationCsvRecord,
  CONVERSATIONS_CSV_HEAD,
  conversationsCsv,
  csvFileName,
  csvRecord,
  toCsv,
} from './csv.ts'

const BOM = '\uFEFF'

test('starts with a byte order mark and ends every record with CRLF', () => {
  expect(toCsv(['a', 'b'], [['1', '2']])).toBe(`${BOM}a,b\r\n1,2\r\n`)
})

test('quotes cells with commas, quotes and line breaks, doubling the quotes', () => {
  const csv = toCsv(['x'], [['a,b'], ['say "hi"'], ['two\nlines'], ['plain']])
  expect(csv).toBe(`${BOM}x\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\nplain\r\n`)
})

test('prefixes cells that a spreadsheet would run as a formula', () => {
  const csv = toCsv(['x'], [['=1+1'], ['+SUM(A1)'], ['-2'], ['@cmd'], ['\tTab'], ['\rCR'], ['a=b']])
  expect(csv.split('\r\n').slice(1, -1)).toEqual([
    "'=1+1",
    "'+SUM(A1)",
    "'-2",
    "'@cmd",
    "'\tTab",
    // The carriage return forces quotes; the CR inside survives.
    `"'\rCR"`,
    'a=b',
  ])
})

const cells = (values: string[]) =>
  toCsv(
    ['x'],
    values.map((value) => [value]),
  )
    .split('\r\n')
    .slice(1, -1)

test.each([
  [' =1+1', "' =1+1"],
  ['   @SUM(A1)', "'   @SUM(A1)"],
  ['\u00A0+1', "'\u00A0+1"],
  ['\u3000-1', "'\u3000-1"],
  ['\t=1', "'\t=1"],
  ['＝1+1', "'＝1+1"],
  ['＋1', "'＋1"],
  ['－1', "'－1"],
  ['＠SUM(A1)', "'＠SUM(A1)"],
  [' ＝1', "' ＝1"],
  ['﹦1', "'﹦1"],
])('prefixes %j, which a spreadsheet would still run as a formula', (value, written) => {
  expect(cells([value])).toEqual([written])
})

test('prefixes negative numbers written as text, as the contract says', () => {
  expect(cells(['-5', '-0.25'])).toEqual(["'-5", "'-0.25"])
  expect(csvRecord([-5])).toBe("'-5\r\n")
})

test('leaves plain text, inner formula characters and blanks untouched', () => {
  const plain = ['Refund please', 'a=b', 'x+1', 'mail@example.com', '   ', '', '５', '日本語 ＝']
  expect(cells(plain)).toEqual(plain)
})

test('writes one record per call, CRLF included, ready to stream', () => {
  expect(csvRecord(['a,b', '=1', null, 3])).toBe(`"a,b",'=1,,3\r\n`)
  expect(CONVERSATIONS_CSV_HEAD).toBe(
    `${BOM}id,title,customer_user_id,message_count,created_at,updated_at\r\n`,
  )
  const row = { id: 'c1', title: '＝HYPERLINK("x")', message_count: 2, created_at: '2025-01-01' }
  expect(conversationCsvRecord(row)).toBe(`c1,"'＝HYPERLINK(""x"")",,2,2025-01-01,\r\n`)
})

test('a streamed head and records equal the whole file', () => {
  const rows = [
    { id: 'c1', title: '-x', message_count: 1 },
    { id: 'c2', title: 'plain', customer_user_id: 'cu_2' },
  ]
  expect(CONVERSATIONS_CSV_HEAD + rows.map(conversationCsvRecord).join('')).toBe(
    conversationsCsv(rows),
  )
})

test('writes conversations with the contract header, raw values and empty missing ones', () => {
  const csv = conversationsCsv([
    {
      id: 'conv_1',
      title: 'Refund, please',
      customer_user_id: 'cu_1',
      message_count: 12,
      created_at: '2025-01-02T03:04:05.000Z',
      updated_at: '2025-01-03T00:00:00.000Z',
    },
    { id: 'conv_2', title: null, customer_user_id: undefined, message_count: null },
  ])
  expect(csv).toBe(
    BOM +
      'id,title,customer_user_id,message_count,created_at,updated_at\r\n' +
      'conv_1,"Refund, please",cu_1,12,2025-01-02T03:04:05.000Z,2025-01-03T00:00:00.000Z\r\n' +
      'conv_2,,,,,\r\n',
  )
})

test('names the file by the local calendar date', () => {
  expect(csvFileName('conversations', new Date(2025, 0, 5, 23, 59))).toBe(
    'conversations-2025-01-05.csv',
  )
})
