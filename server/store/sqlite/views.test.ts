// Two servers on one mirror file (two connections): a name saved by both at once is one
// view, and the other save is refused, as the unique index settles it, not a prior read.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { openStore } from '../open-store.ts'
import { StoreError } from '../store-error.ts'

test('two processes saving one name at once keep one view and get one conflict', async () => {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'views-')), 'mirror.sqlite')}`
  const [first, second] = await Promise.all([openStore(url), openStore(url)])
  try {
    const outcomes = await Promise.allSettled([
      first.createView({ name: 'Escalations', query: { q: 'urgent' } }),
      second.createView({ name: 'ESCALATIONS', query: { q: 'manager' } }),
    ])
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected')
    expect(refused).toHaveLength(1)
    expect(refused[0]?.reason).toBeInstanceOf(StoreError)
    expect(refused[0]?.reason).toMatchObject({ code: 'conflict' })
    expect(await first.listViews()).toEqual(await second.listViews())
    expect(await first.listViews()).toHaveLength(1)
  } finally {
    await Promise.all([first.close(), second.close()])
  }
})
