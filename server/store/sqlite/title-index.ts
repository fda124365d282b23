// The titles' trigram index (title_text) of a first fill is built once the list is in, not
// row by row as pages arrive. Page by page, FTS5 writes a segment per transaction and
// merges them later: 10,000 titles cost 32–62 ms of CPU in batches of 1,500 and 19 ms at
// once, and during a first fill that CPU is taken from the event loop reading the list
// (a fresh 10,000-row fill: server CPU 415 → 365 ms, complete 476 → 440 ms after health).
// mirror.titles_indexed_through says how far the index goes: rows up to that rowid are in
// it, later ones not yet; NULL: every row is. A title search reads it first, and while
// rows are left out it tests every title itself (filters.ts), so it finds the same rows.
import { numberOf, type Database } from './database.ts'

/** Rowids indexed per step: about 5 ms each, so requests are answered between steps. */
export const TITLE_INDEX_STEP = 2500

/** Whether the row's title is (to be) in the index now: false leaves it to the build. */
export type TitleCoverage = (rowid: number) => boolean

export function titleCoverage(db: Database): TitleCoverage {
  const through = numberOf(db.get('SELECT titles_indexed_through AS n FROM mirror')?.n)
  return through === null ? () => true : (rowid) => rowid <= through
}

/** True once every row's title is in the index: a title search may then rely on it. */
export const titlesIndexed = (db: Database): boolean =>
  db.get('SELECT titles_indexed_through IS NULL AS done FROM mirror')?.done === 1

/**
 * Called in a write transaction before conversations are written: an empty mirror is
 * about to be filled, so its titles are indexed after the fill, all together.
 */
export function deferTitlesOfFirstFill(db: Database): void {
  db.run(
    `UPDATE mirror SET titles_indexed_through = 0
     WHERE titles_indexed_through IS NULL AND NOT EXISTS (SELECT 1 FROM conversations)`,
  )
}

/**
 * Indexes the titles a fill left out, `step` rowids per transaction; yields after each
 * step, so the caller lets other work run between them. Rows written meanwhile get
 * higher rowids, and the step that reaches the last rowid of its moment ends it.
 */
export function* indexDeferredTitles(db: Database, step = TITLE_INDEX_STEP): Generator<void> {
  for (;;) {
    const more = db.write(() => {
      const through = numberOf(db.get('SELECT titles_indexed_through AS n FROM mirror')?.n)
      if (through === null) return false
      const top = numberOf(db.get('SELECT max(rowid) AS n FROM conversations')?.n) ?? 0
      const to = through + step
      db.run(
        `INSERT INTO title_text (rowid, title_key)
         SELECT rowid, title_key FROM conversations
         WHERE rowid > ? AND rowid <= ? AND title_key IS NOT NULL`,
        [through, to],
      )
      db.run('UPDATE mirror SET titles_indexed_through = ?', [to >= top ? null : to])
      return to < top
    })
    if (!more) return
    yield
  }
}
