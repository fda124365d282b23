import { expect, test } from 'vitest'
import { createLogger, printable } from './logger.ts'

function capture() {
  const lines: string[] = []
  return { logger: createLogger('debug', (line) => lines.push(line)), lines }
}

const deceptive = [
  ['a line separator', '\u2028'],
  ['a paragraph separator', '\u2029'],
  ['a left-to-right embedding', '\u202A'],
  ['a right-to-left embedding', '\u202B'],
  ['a pop directional formatting', '\u202C'],
  ['a left-to-right override', '\u202D'],
  ['a right-to-left override', '\u202E'],
  ['a left-to-right isolate', '\u2066'],
  ['a right-to-left isolate', '\u2067'],
  ['a first strong isolate', '\u2068'],
  ['a pop directional isolate', '\u2069'],
  ['a C1 control (next line)', '\u0085'],
  ['an escape', '\u001B'],
] as const

const escaped = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`

test.each(deceptive)('writes %s in a message as an escape that parses back', (_, char) => {
  const { logger, lines } = capture()
  logger.warn(`login failed for admin${char}ok`)
  const line = lines[0] ?? ''
  expect(line).not.toContain(char)
  expect(line.toLowerCase()).toContain(escaped(char))
  expect(JSON.parse(line)).toMatchObject({ msg: `login failed for admin${char}ok` })
})

test.each(deceptive)('writes %s in a field value as an escape that parses back', (_, char) => {
  const { logger, lines } = capture()
  logger.info('request', { path: `/a${char}b`, query_keys: [`k${char}`] })
  const line = lines[0] ?? ''
  expect(line).not.toContain(char)
  expect(line.toLowerCase()).toContain(escaped(char))
  expect(JSON.parse(line)).toMatchObject({ path: `/a${char}b`, query_keys: [`k${char}`] })
})

test('keeps line feeds and carriage returns inside the one line', () => {
  const { logger, lines } = capture()
  logger.info('a\r\nb', { detail: 'c\nd' })
  expect(lines).toHaveLength(1)
  expect(lines[0]).not.toMatch(/[\r\n]/)
  expect(JSON.parse(lines[0] ?? '')).toMatchObject({ msg: 'a\r\nb', detail: 'c\nd' })
})

test('leaves ordinary text, accents and emoji as they are', () => {
  const { logger, lines } = capture()
  logger.info('Überweisung für José 😀 عربى', { note: '日本語' })
  expect(lines[0]).toContain('Überweisung für José 😀 عربى')
  expect(lines[0]).toContain('日本語')
})

test('still scrubs a secret that holds a character it escapes', () => {
  const lines: string[] = []
  const logger = createLogger('info', (line) => lines.push(line), ['pass\u2028word'])
  logger.error('upstream echoed pass\u2028word', { detail: 'pass\u2028word' })
  expect(lines[0]).not.toMatch(/pass/)
  expect(JSON.parse(lines[0] ?? '')).toMatchObject({
    msg: 'upstream echoed [redacted]',
    detail: '[redacted]',
  })
})

test.each([
  ['\u2028', '%E2%80%A8'],
  ['\u2029', '%E2%80%A9'],
  ['\u202E', '%E2%80%AE'],
  ['\u2066', '%E2%81%A6'],
  ['\r\n', '%0D%0A'],
  ['\u0085', '%C2%85'],
])('printable shows %j in a path as its percent escape', (char, shown) => {
  expect(printable(`/api/x${char}y`)).toBe(`/api/x${shown}y`)
})

test('printable keeps ordinary paths and cuts long ones', () => {
  expect(printable('/conversations/conv_1')).toBe('/conversations/conv_1')
  expect(printable('/é')).toBe('/é')
  expect(printable('x'.repeat(500))).toHaveLength(300)
})
