// The planner's choices, and that each walk really follows its index without sorting the
// whole list: at 1,000,000 conversations that is the difference between 0.1 ms and 100 ms.
import { expect, test } from 'vitest'
import { SORT_COLUMNS } from '../../../src/lib/contract.ts'
import { createDatabase } from './database.ts'
import type { Filter } from './filters.ts'
import { choosePlan, walkSelects } from './list-plan.ts'
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
