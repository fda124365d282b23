// Conversations created in each bucket [bounds[i], bounds[i+1]) that match the list's
// filters, in one statement: the stretch of the created_at index the buckets span, each
// entry put in its bucket by width_bucket (a binary search over the bounds). The filters'
// own Created range narrows the stretch. The same counts as SQLite's (sqlite/activity.ts).
import type { ListFilters } from '../../../src/lib/contract.ts'
import type { Db } from './database.ts'
import { allOf, compileFilters, createdCondition, msBound } from './filters.ts'
import { numberOf } from './rows.ts'

export async function activity(
  db: Db,
  filters: ListFilters,
  bounds: readonly number[],
): Promise<number[]> {
  if (bounds.some((bound, i) => !Number.isFinite(bound) || bound < (bounds[i - 1] ?? bound)))
    throw new RangeError('Activity bounds must be finite and ascending.')
  if (bounds.length < 2) return []
  // created_ms is whole milliseconds: a bound compares with it as the next whole one.
  const edges = bounds.map(msBound)
  const counts = edges.slice(1).map(() => 0)
  const { where } = await compileFilters(db, {
    ...filters,
    createdFromMs: null,
    createdBeforeMs: null,
  })
  const within = allOf([
    { sql: 'c.created_ms >= ?::int8 AND c.created_ms < ?::int8', params: [edges[0], edges.at(-1)] },
    ...[createdCondition(filters), where].flatMap((condition) => (condition ? [condition] : [])),
  ])
  const rows = await db.all(
    `SELECT width_bucket(c.created_ms, ?::int8[]) AS bucket, count(*) AS n
     FROM mirror_conversations c WHERE ${within?.sql ?? 'true'} GROUP BY 1`,
    [edges, ...(within?.params ?? [])],
  )
  for (const row of rows) {
    const bucket = (numberOf(row.bucket) ?? 0) - 1
    if (bucket >= 0 && bucket < counts.length) counts[bucket] = numberOf(row.n) ?? 0
  }
  return counts
}
