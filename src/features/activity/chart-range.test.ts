import { expect, test } from 'vitest'
import { chartRange } from './chart-range.ts'

test('without a range, the chart covers the 30 days ending today', () => {
  expect(chartRange('', '', '2025-03-10')).toEqual({ from: '2025-02-09', to: '2025-03-10' })
})

test('with only Created to, the 30 days ending then (a leap February); with only Created from, up to today', () => {
  expect(chartRange('', '2024-03-01', '2025-03-10')).toEqual({
    from: '2024-02-01',
    to: '2024-03-01',
  })
  expect(chartRange('2025-03-01', '', '2025-03-10')).toEqual({
    from: '2025-03-01',
    to: '2025-03-10',
  })
})

test('two years are charted, one day more is not, and says why', () => {
  expect(chartRange('2023-03-10', '2025-03-09', '2025-03-10')).toEqual({
    from: '2023-03-10',
    to: '2025-03-09',
  })
  const tooLong = chartRange('2023-03-09', '2025-03-10', '2025-03-10')
  expect(tooLong).toEqual({ problem: expect.stringContaining('this range has 733') as unknown })
})

test('a Created from after today leaves no days to chart', () => {
  expect(chartRange('2025-04-01', '', '2025-03-10')).toEqual({
    problem: 'Created from is after today: there are no days to chart.',
  })
})
