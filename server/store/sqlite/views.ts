// Saved views: the team's, not the mirror's, so clearing the mirror keeps them. A name is
// unique case-insensitively through the unique index on name_key, which settles two saves
// of one name at once (from two requests or two processes) as one row and one conflict.
import { randomBytes } from 'node:crypto'
import { viewNameKey } from '../sort-keys.ts'
import { StoreError } from '../store-error.ts'
import type { StoredView } from '../store.ts'
import { textOf, type Database, type Row } from './database.ts'

// https://sqlite.org/rescode.html#constraint_unique
const SQLITE_CONSTRAINT_UNIQUE = 2067

const COLUMNS = 'id, name, query, created_at, updated_at'

const toView = (row: Row): StoredView => ({
  id: textOf(row.id) ?? '',
  name: textOf(row.name) ?? '',
  query: JSON.parse(textOf(row.query) ?? 'null') as unknown,
  created_at: textOf(row.created_at) ?? '',
  updated_at: textOf(row.updated_at) ?? '',
})

/** 72 random bits as 12 URL-safe characters: unguessable, and no collision in practice. */
const newId = () => randomBytes(9).toString('base64url')

const isNameTaken = (error: unknown) =>
  error instanceof Error && 'errcode' in error && error.errcode === SQLITE_CONSTRAINT_UNIQUE

/** Runs a write that sets a view's name; a name taken already becomes a StoreError 'conflict'. */
function naming<T>(name: string, work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (!isNameTaken(error)) throw error
    throw new StoreError('conflict', `A view named “${name}” already exists.`, { cause: error })
  }
}

export function listViews(db: Database): StoredView[] {
  return db.all(`SELECT ${COLUMNS} FROM views ORDER BY name_key, name, id`).map(toView)
}

export function createView(db: Database, view: { name: string; query: unknown }): StoredView {
  const now = new Date().toISOString()
  const stored: StoredView = {
    id: newId(),
    name: view.name,
    query: view.query ?? null,
    created_at: now,
    updated_at: now,
  }
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
      const row = db.get(`SELECT ${COLUMNS} FROM views WHERE id = ?`, [id])
      return row ? toView(row) : null
    }),
  )
}

export function deleteView(db: Database, id: string): boolean {
  return db.run('DELETE FROM views WHERE id = ?', [id]) > 0
}
