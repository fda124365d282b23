// The mirror's global write sequence. Each write call takes the next number: rows it
// upserts are marked seen at it, rows whose content it changes are marked changed at it,
// and a removal records it, so the highest number is the mirror's version.
import { numberOf, type Database, type Params } from './database.ts'

/** The next sequence number; call inside a write transaction. */
export function nextSeq(db: Database): number {
  return (
    numberOf(
      db.get('UPDATE mirror SET write_seq = write_seq + 1 RETURNING write_seq')?.write_seq,
    ) ?? 0
  )
}

export function currentSeq(db: Database): number {
  return numberOf(db.get('SELECT write_seq FROM mirror')?.write_seq) ?? 0
}

/**
 * Rowids read per step of the search for rows not seen since a mark. There is no index on
 * seen_seq (every re-read row would update it), so the search reads the table: at
 * 1,000,000 conversations 0.2–1.6 s at once, which every request waited behind.
 */
export const UNSEEN_STEP = 50_000

/**
 * The rows of `table` not seen since `mark`, one range of `step` rowids at a time (up to
 * its largest rowid now): `remove` runs in a transaction per range with the condition that
 * selects them, and each step yields what it removed, so the caller can let other work
 * run between steps.
 */
export function* unseenSteps(
  db: Database,
  table: 'conversations' | 'customers',
  mark: number,
  step: number,
  remove: (unseen: { where: string; params: Params }) => number,
): Generator<number> {
  const top = numberOf(db.get(`SELECT max(rowid) AS top FROM ${table}`)?.top) ?? 0
  const where = 'rowid > ? AND rowid <= ? AND seen_seq <= ?'
  for (let from = 0; from < top; from += step) {
    const params = [from, Math.min(from + step, top), mark]
    yield db.write(() => remove({ where, params }))
  }
}

/** Removals change what a list shows although no remaining row changed. */
export function recordRemoval(db: Database, seq: number): void {
  db.run('UPDATE mirror SET removed_version = ?', [seq])
}

export function version(db: Database): number {
  const row = db.get(
    `SELECT max(coalesce((SELECT max(changed_seq) FROM conversations), 0), removed_version) AS v
     FROM mirror`,
  )
  return numberOf(row?.v) ?? 0
}

/**
 * Upserts one page in one transaction under one sequence number; returns how many rows
 * were new or changed (`one` says so for each). `finish` runs last, in the transaction.
 */
export function upsertPage<T>(
  db: Database,
  rows: readonly T[],
  one: (db: Database, row: T, seq: number) => boolean,
  finish?: () => void,
): number {
  if (rows.length === 0) return 0
  return db.write(() => {
    const seq = nextSeq(db)
    let changed = 0
    for (const row of rows) if (one(db, row, seq)) changed++
    finish?.()
    return changed
  })
}
