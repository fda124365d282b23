import { expect, test } from 'vitest'
import { createCoverage } from './crawl-coverage.ts'

const ids = (page: number, count: number) =>
  Array.from({ length: count }, (_, i) => `p${page}-${i}`)

test('the missing pages are those not read yet, the short last page included', () => {
  const coverage = createCoverage(1050)
  for (const page of [1, 2, 5, 11]) {
    coverage.record({ page, limit: 100, total: 1050, ids: ids(page, page === 11 ? 50 : 100) })
  }
  expect(coverage.missingPages(100)).toEqual([3, 4, 6, 7, 8, 9, 10])
  expect(coverage.missingPages(50)).toEqual([5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])
})

test('a half-read page is missing; once every page is read, none is', () => {
  const coverage = createCoverage(300)
  coverage.record({ page: 1, limit: 100, total: 300, ids: ids(1, 100) })
  coverage.record({ page: 2, limit: 100, total: 300, ids: ids(2, 60) })
  expect(coverage.missingPages(100)).toEqual([2, 3])
  coverage.record({ page: 2, limit: 100, total: 300, ids: ids(2, 100) })
  coverage.record({ page: 3, limit: 100, total: 300, ids: ids(3, 100) })
  expect(coverage.missingPages(100)).toEqual([])
  expect(coverage.coversStart()).toBe(true)
})

test('pages are counted from the newest total: rows added at the front shift the holes', () => {
  const coverage = createCoverage(250)
  coverage.record({ page: 3, limit: 100, total: 250, ids: ids(3, 50) })
  // Twenty new rows arrive at the front: the 50 read are now positions 220..269.
  coverage.record({ page: 1, limit: 100, total: 270, ids: ids(1, 100) })
  expect(coverage.missingPages(100)).toEqual([2, 3])
  expect(coverage.moved()).toBe(true)
})

test('matches a position-by-position reference on random reads', () => {
  let seed = 7
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  for (let round = 0; round < 200; round++) {
    const total = 1 + Math.floor(random() * 2000)
    const limit = [7, 50, 100][round % 3] ?? 100
    const coverage = createCoverage(total)
    const read = new Set<number>()
    for (let page = 1; page <= Math.ceil(total / limit); page++) {
      if (random() < 0.6) continue
      const count = Math.min(limit, total - (page - 1) * limit) - (random() < 0.2 ? 1 : 0)
      coverage.record({ page, limit, total, ids: ids(page, count) })
      for (let i = 0; i < count; i++) read.add((page - 1) * limit + i)
    }
    const expected = new Set<number>()
    for (let position = 0; position < total; position++)
      if (!read.has(position)) expected.add(Math.floor(position / limit) + 1)
    expect(coverage.missingPages(limit)).toEqual([...expected].sort((a, b) => a - b))
  }
})
