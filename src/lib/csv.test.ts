import { expect, test } from 'vitest'
import { conversationsCsv, csvFileName, toCsv } from './csv.ts'

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
