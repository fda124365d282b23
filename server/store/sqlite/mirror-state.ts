// The mirror's small values: which upstream and key filled it, and the sync's own state
// (JSON by key). Reading a key never stored gives undefined.
import type { MirrorBinding } from '../store.ts'
import { textOf, type Database } from './database.ts'

export function readBinding(db: Database): MirrorBinding | null {
  const row = db.get('SELECT upstream_url, key_id FROM mirror')
  const upstreamUrl = textOf(row?.upstream_url)
  const keyId = textOf(row?.key_id)
  return upstreamUrl === null || keyId === null ? null : { upstreamUrl, keyId }
}

export function writeBinding(db: Database, binding: MirrorBinding): void {
  db.write(() =>
    db.run('UPDATE mirror SET upstream_url = ?, key_id = ?', [binding.upstreamUrl, binding.keyId]),
  )
}

export function getState(db: Database, key: string): unknown {
  const value = textOf(db.get('SELECT value FROM state WHERE key = ?', [key])?.value)
  return value === null ? undefined : (JSON.parse(value) as unknown)
}

/** Stores `value` as JSON; undefined removes the key. */
export function setState(db: Database, key: string, value: unknown): void {
  const json = value === undefined ? undefined : JSON.stringify(value)
  db.write(() =>
    json === undefined
      ? db.run('DELETE FROM state WHERE key = ?', [key])
      : db.run(
          'INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
          [key, json],
        ),
  )
}
