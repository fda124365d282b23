// The mirror's global write sequence, as on SQLite (sqlite/write-sequence.ts). Each write
// call takes the next number: rows it upserts are marked seen at it, rows whose content it
// changes are marked changed at it, and a removal records it, so the highest number is the
// mirror's version.
import type { Db } from './database.ts'
import { numberOf } from './rows.ts'

/** The next sequence number; call inside a write transaction. */
export async function nextSeq(db: Db): Promise<number> {
  const row = await db.get('UPDATE mirror_meta SET write_seq = write_seq + 1 RETURNING write_seq')
  return numberOf(row?.write_seq) ?? 0
}

export async function currentSeq(db: Db): Promise<number> {
  return numberOf((await db.get('SELECT write_seq FROM mirror_meta'))?.write_seq) ?? 0
}

/** Removals change what a list shows although no remaining row changed. */
export async function recordRemoval(db: Db, seq: number): Promise<void> {
  await db.run('UPDATE mirror_meta SET removed_version = ?', [seq])
}

export async function version(db: Db): Promise<number> {
  const row = await db.get(
    `SELECT greatest(coalesce((SELECT max(changed_seq) FROM mirror_conversations), 0),
                     removed_version) AS v
     FROM mirror_meta`,
  )
  return numberOf(row?.v) ?? 0
}

/**
 * A page's rows in rounds in which each id appears once (the first copy of an id in the
 * first round, a second copy in the second…): a round is written in a few statements,
 * and rounds in order give what writing row after row gives.
 */
export function rounds<T extends { id: string }>(rows: readonly T[]): T[][] {
  const seen = new Map<string, number>()
  const result: T[][] = []
  for (const row of rows) {
    const round = seen.get(row.id) ?? 0
    seen.set(row.id, round + 1)
    ;(result[round] ??= []).push(row)
  }
  return result
}
