import { expect, test } from 'vitest'
import { matchRanges, searchWords } from './search-marks.ts'

/** The marked pieces of `content` for the search `text`, or null when it does not match. */
function marked(content: string, text: string): string[] | null {
  const ranges = matchRanges(content, searchWords(text))
  return ranges && ranges.map(([start, end]) => content.slice(start, end))
}

test('reads the words of a search folded, without punctuation', () => {
  expect(searchWords('  Crème, BRÛLÉE! #42 ')).toEqual(['creme', 'brulee', '42'])
  expect(searchWords(' ?! ')).toEqual([])
})

test('matches a message that holds every word, whatever its case and accents', () => {
  expect(marked('Your crème brûlée is late', 'CREME brulee')).toEqual(['crème', 'brûlée'])
  expect(marked('Ваш ЗАКАЗ отправлен', 'заказ')).toEqual(['ЗАКАЗ'])
  expect(marked('Η παραγγελία σας', 'ΠΑΡΑΓΓΕΛΙΑ')).toEqual(['παραγγελία'])
  expect(marked('تم شحن طلبك', 'طلبك')).toEqual(['طلبك'])
})

test('does not match a message that lacks one of the words', () => {
  expect(marked('Where is my refund?', 'refund late')).toBeNull()
  expect(marked('Where is my refund?', '')).toBeNull()
})

test('takes the last word as a prefix, and only the last', () => {
  expect(marked('The refunds arrived, refunded twice', 'refu')).toEqual(['refu', 'refu'])
  expect(marked('The refunds arrived', 'refu arrived')).toBeNull()
  expect(marked('The refunds arrived', 'refunds arr')).toEqual(['refunds', 'arr'])
})

test('marks every occurrence, in order, and words only as whole tokens', () => {
  expect(marked('Order 42: order status for order42', 'order')).toEqual(['Order', 'order', 'order'])
  expect(marked('reorder the order', 'order the')).toEqual(['the', 'order'])
})

test('marks the original characters, combining accents included', () => {
  expect(marked('cafe\u0301 au lait', 'café')).toEqual(['cafe\u0301'])
  expect(marked('İstanbul 🎉 Straße', 'istanbul straße')).toEqual(['İstanbul', 'Straße'])
  // Folded as a whole, as the server folds: a final sigma stays final.
  expect(marked('ΟΔΟΣ Πατησίων', 'οδος')).toEqual(['ΟΔΟΣ'])
})

test('folds no further than the server: ß is not ss', () => {
  expect(marked('Hauptstraße 5', 'strasse')).toBeNull()
})

test('markup in a message is plain text to match', () => {
  expect(marked('<b>refund</b> please', 'refund')).toEqual(['refund'])
  expect(marked('<b>refund</b> please', 'b')).toEqual(['b', 'b'])
})
