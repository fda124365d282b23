// The mirror's global write sequence. Each write call takes the next number: rows it
// upserts are marked seen at it, rows whose content it changes are marked changed at it,
// and a removal records it, so the highest number is the mirror's version.
import type { Database } from './database.ts'
import { numberOf } from './database.ts'

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
