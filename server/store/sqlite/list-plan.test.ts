// The planner's choices, and that each walk really follows its index without sorting the
// whole list: at 1,000,000 conversations that is the difference between 0.1 ms and 100 ms.
import { expect, test } from 'vitest'
import { SORT_COLUMNS } from '../../../src/lib/contract.ts'
import { createDatabase } from './database.ts'
import { rowidSet } from './created-range.ts'
import { estimatedMatches, type Driver, type Filter } from './filters.ts'
import { choosePlan, sortSelect, walkSelects } from './list-plan.ts'
import { openConnection } from './sqlite-file.ts'

const db = createDatabase(openConnection(':memory:'), ':memory:')
const plan = (sql: string) =>
  db.all(`EXPLAIN QUERY PLAN ${sql}`, []).map((row) => String(row.detail))

const titleWord = (size: number): Filter => ({
  test: { sql: 'instr(c.title_key, ?) > 0', params: ['refund'] },
  driver: { sql: 'c.rowid IN (?)', params: [1], size, indexedBy: 'NOT INDEXED' },
})

test('walks each sort index in order, sorting at most the ties of one value by id', () => {
  for (const column of SORT_COLUMNS) {
    for (const desc of [false, true]) {
      const { present, missing } = walkSelects(
        'c.rowid',
        { column, desc },
        { sql: '1', params: [] },
      )
      const steps = [...plan(present.sql), ...plan(missing.sql)].join(' | ')
      expect(steps).toMatch(/USING COVERING INDEX conversations_by_/)
      expect(steps).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
    }
  }
})

test('walks for a common title word on an early page, sorts a rare one or a deep page', () => {
  const rows = 1_000_000
  expect(choosePlan([titleWord(80_000)], { end: 20, matches: 80_000, rows }).kind).toBe('walk')
  expect(choosePlan([titleWord(5)], { end: 20, matches: 5, rows }).kind).toBe('sort')
  expect(choosePlan([titleWord(80_000)], { end: 100_000, matches: 80_000, rows }).kind).toBe('sort')
  expect(choosePlan([], { end: 100_000, matches: rows, rows }).kind).toBe('walk')
})

test('walks for a common one- or two-letter title needle, scans the title index for a rare one', () => {
  const rows = 1_000_000
  const letters = (share: number): Filter => ({
    test: { sql: 'instr(c.title_key, ?) > 0', params: ['xy'] },
    driver: null,
    share,
  })
  expect(choosePlan([letters(0.7)], { end: 20, matches: 700_000, rows }).kind).toBe('walk')
  const rare = choosePlan([letters(0.0002)], { end: 20, matches: 200, rows })
  expect(rare.kind).toBe('sort')
  if (rare.kind !== 'sort') return
  const steps = plan(
    sortSelect('c.rowid', { column: 'updated_at', desc: true }, rare.driver, rare.tests).sql,
  )
  expect(steps.join(' | ')).toMatch(/INDEX conversations_by_title/)
})

test('plans a common sampled title word without counting it, and a rare one as if one row', () => {
  const rows = 1_000_000
  const uncountable: Driver = {
    sql: 'c.rowid IN (?)',
    params: [1],
    indexedBy: 'NOT INDEXED',
    get size(): number {
      throw new Error('counted')
    },
  }
  const common: Filter = { test: titleWord(0).test, driver: uncountable, share: 0.26 }
  expect(estimatedMatches([common], rows)).toBe(260_000)
  const plan = choosePlan([common], { end: 20, matches: 260_000, rows })
  expect(plan.kind).toBe('walk')
  // Its second page too, at 7.5 %: a walk past ~530 rows, weighed against the sample.
  const payment: Filter = { ...common, share: 0.075 }
  expect(choosePlan([payment], { end: 40, matches: 75_000, rows }).kind).toBe('walk')
  expect(choosePlan([payment], { end: 2000, matches: 75_000, rows }).kind).toBe('sort')
  const rare: Filter = { test: titleWord(0).test, driver: null, share: 0.001 }
  expect(estimatedMatches([rare], rows)).toBe(1)
  expect(estimatedMatches([{ ...rare, driver: titleWord(37).driver }], rows)).toBe(37)
})

const createdRange = (size: number): Filter => ({
  test: { sql: 'c.created_ms >= ? AND c.created_ms < ?', params: [0, 1] },
  driver: {
    sql: 'c.created_ms >= ? AND c.created_ms < ?',
    params: [0, 1],
    size,
    indexedBy: 'INDEXED BY conversations_by_created_at',
  },
  stretch: size,
})
const ROWS = 1_000_000

test('walks a created range sorted by created_at through that stretch of the index, at any depth', () => {
  const created = { column: 'created_at', rows: ROWS } as const
  for (const end of [20, 100_000])
    expect(choosePlan([createdRange(150_000)], { ...created, end, matches: 150_000 }).kind).toBe(
      'walk',
    )
  const range = createdRange(150_000)
  const { present } = walkSelects('c.rowid', { column: 'created_at', desc: true }, range.test)
  const steps = plan(present.sql).join(' | ')
  expect(steps).toMatch(
    /COVERING INDEX conversations_by_created_at \(created_ms>\? AND created_ms<\?\)/,
  )
  expect(steps).not.toMatch(/TEMP B-TREE/)
  // With a rarer filter as well, a walk by created_at steps over the range's rows only.
  const both = [range, titleWord(30_000)]
  expect(choosePlan(both, { ...created, end: 20, matches: 1000 }).kind).toBe('walk')
  expect(
    choosePlan(both, { ...created, column: 'message_count', end: 20, matches: 1000 }).kind,
  ).toBe('sort')
})

test('sorts a created range by updated_at in the index unless it holds most rows', () => {
  const updated = { column: 'updated_at', rows: ROWS, end: 20 } as const
  expect(choosePlan([createdRange(150_000)], { ...updated, matches: 150_000 }).kind).toBe('sort')
  expect(choosePlan([createdRange(500_000)], { ...updated, matches: 500_000 }).kind).toBe('walk')
  const range = createdRange(150_000)
  const sort = { column: 'updated_at', desc: true } as const
  const { present } = walkSelects('c.rowid', sort, range.test)
  expect(plan(present.sql).join(' | ')).toMatch(/COVERING INDEX conversations_by_updated_at/)
  const sorted = sortSelect('c.rowid', sort, range.driver as Driver, { sql: '1', params: [] })
  expect(plan(sorted.sql).join(' | ')).toMatch(
    /COVERING INDEX conversations_by_created_at \(created_ms>\? AND created_ms<\?\)/,
  )
})

test("tests a range and a customer's name together without reading a row", () => {
  const range = createdRange(150_000).test
  const named = {
    sql: 'c.customer_ref IN (SELECT rowid FROM customer_text WHERE customer_text MATCH ?)',
    params: ['"garcia"'],
    size: 60_000,
    indexedBy: 'INDEXED BY conversations_by_customer_ref',
  }
  const set = rowidSet(named, range)
  const tests = { sql: `${range.sql} AND ${set.sql}`, params: [...range.params, ...set.params] }
  const { present } = walkSelects('c.rowid', { column: 'updated_at', desc: true }, tests)
  const steps = plan(present.sql).join(' | ')
  expect(steps).toMatch(/SEARCH c USING COVERING INDEX conversations_by_updated_at/)
  expect(steps).toMatch(
    /COVERING INDEX conversations_by_customer_ref \(customer_ref=\? AND created_ms>\? AND created_ms<\?\)/,
  )
})
