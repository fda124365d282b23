import { expect, test } from 'vitest'
import { mayHoldLoneSurrogates, wellFormed } from './well-formed.ts'

test('lone surrogates in strings and keys become U+FFFD; pairs, numbers and nulls stay', () => {
  const text = '{"id":"a\\udc00","t":["\\ud83d\\ude00","x\\ud800y"],"n":1,"z":null,"k\\udfff":true}'
  expect(mayHoldLoneSurrogates(text)).toBe(true)
  expect(wellFormed(JSON.parse(text))).toEqual({
    id: 'a\uFFFD',
    t: ['😀', 'x\uFFFDy'],
    n: 1,
    z: null,
    'k\uFFFD': true,
  })
})

test('only text with an escaped surrogate is walked', () => {
  expect(mayHoldLoneSurrogates('{"title":"😀 \\u00e9 \\uD7FF \\uE000"}')).toBe(false)
  expect(mayHoldLoneSurrogates('{"title":"\\uD83D\\uDE00"}')).toBe(true)
})
