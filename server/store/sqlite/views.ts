// Saved views: the team's, not the mirror's, so clearing the mirror keeps them. A name is
// unique case-insensitively through the unique index on name_key, which settles two saves
// of one name at once (from two requests or two processes) as one row and one conflict.
import { viewNameKey } from '../sort-keys.ts'
import { nameTaken, newStoredView, toStoredView, VIEW_COLUMNS } from '../store-rows.ts'
import type { StoredView } from '../store.ts'
import type { Database } from './database.ts'

// https://sqlite.org/rescode.html#constraint_unique
const SQLITE_CONSTRAINT_UNIQUE = 2067

const isNameTaken = (error: unknown) =>
  error instanceof Error && 'errcode' in error && error.errcode === SQLITE_CONSTRAINT_UNIQUE

/** Runs a write that sets a view's name; a name taken already becomes a StoreError 'conflict'. */
function naming<T>(name: string, work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (!isNameTaken(error)) throw error
    throw nameTaken(name, error)
  }
}

export function listViews(db: Database): StoredView[] {
  return db.all(`SELECT ${VIEW_COLUMNS} FROM views ORDER BY name_key, name, id`).map(toStoredView)
}

export function createView(db: Database, view: { name: string; query: unknown }): StoredView {
  const stored = newStoredView(view)
  const now = stored.created_at
  naming(view.name, () =>
    db.run(
      `INSERT INTO views (id, name, name_key, query, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [stored.id, stored.name, viewNameKey(stored.name), JSON.stringify(stored.query), now, now],
    ),
  )
  return stored
}

export function renameView(db: Database, id: string, name: string): StoredView | null {
  return naming(name, () =>
    db.write(() => {
      const changed = db.run(
        'UPDATE views SET name = ?, name_key = ?, updated_at = ? WHERE id = ?',
        [name, viewNameKey(name), new Date().toISOString(), id],
      )
      if (changed === 0) return null
      const row = db.get(`SELECT ${VIEW_COLUMNS} FROM views WHERE id = ?`, [id])
      return row ? toStoredView(row) : null
    }),
  )
}

export function deleteView(db: Database, id: string): boolean {
  return db.run('DELETE FROM views WHERE id = ?', [id]) > 0
}
