// Saved views, as on SQLite (sqlite/views.ts): the team's, not the mirror's, so clearing
// the mirror keeps them. A name is unique case-insensitively through the unique index on
// name_key, which settles two saves of one name at once (from two requests or two
// replicas) as one row and one conflict.
import { viewNameKey } from '../sort-keys.ts'
import { nameTaken, newStoredView, toStoredView, VIEW_COLUMNS } from '../store-rows.ts'
import type { StoredView } from '../store.ts'
import type { Db } from './database.ts'

const UNIQUE_VIOLATION = '23505'

const isNameTaken = (error: unknown) =>
  error instanceof Error && 'code' in error && error.code === UNIQUE_VIOLATION

/** Runs a write that sets a view's name; a name taken already becomes a StoreError 'conflict'. */
async function naming<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!isNameTaken(error)) throw error
    throw nameTaken(name, error)
  }
}

export async function listViews(db: Db): Promise<StoredView[]> {
  return (
    await db.all(`SELECT ${VIEW_COLUMNS} FROM mirror_views ORDER BY name_key, name COLLATE "C", id`)
  ).map(toStoredView)
}

export async function createView(
  db: Db,
  view: { name: string; query: unknown },
): Promise<StoredView> {
  const stored = newStoredView(view)
  const now = stored.created_at
  await naming(view.name, () =>
    db.run(
      `INSERT INTO mirror_views (id, name, name_key, query, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [stored.id, stored.name, viewNameKey(stored.name), JSON.stringify(stored.query), now, now],
    ),
  )
  return stored
}

export async function renameView(db: Db, id: string, name: string): Promise<StoredView | null> {
  const row = await naming(name, () =>
    db.get(
      `UPDATE mirror_views SET name = ?, name_key = ?, updated_at = ? WHERE id = ?
       RETURNING ${VIEW_COLUMNS}`,
      [name, viewNameKey(name), new Date().toISOString(), id],
    ),
  )
  return row ? toStoredView(row) : null
}

export async function deleteView(db: Db, id: string): Promise<boolean> {
  return (await db.run('DELETE FROM mirror_views WHERE id = ?', [id])) > 0
}
