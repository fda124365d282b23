// The mirror's small values, as on SQLite (sqlite/mirror-state.ts): which upstream and key
// filled it, and the sync's own state (JSON by key). Reading a key never stored gives
// undefined.
import type { MirrorBinding } from '../store.ts'
import type { Database } from './database.ts'
import { textOf } from './rows.ts'

export async function readBinding(db: Database): Promise<MirrorBinding | null> {
  const row = await db.get('SELECT upstream_url, key_id FROM mirror_meta')
  const upstreamUrl = textOf(row?.upstream_url)
  const keyId = textOf(row?.key_id)
  return upstreamUrl === null || keyId === null ? null : { upstreamUrl, keyId }
}

export async function writeBinding(db: Database, binding: MirrorBinding): Promise<void> {
  await db.write((tx) =>
    tx.run('UPDATE mirror_meta SET upstream_url = ?, key_id = ?', [
      binding.upstreamUrl,
      binding.keyId,
    ]),
  )
}

export async function getState(db: Database, key: string): Promise<unknown> {
  const value = textOf((await db.get('SELECT value FROM mirror_state WHERE key = ?', [key]))?.value)
  return value === null ? undefined : (JSON.parse(value) as unknown)
}

/** Stores `value` as JSON; undefined removes the key. */
export async function setState(db: Database, key: string, value: unknown): Promise<void> {
  const json = value === undefined ? undefined : JSON.stringify(value)
  await (json === undefined
    ? db.run('DELETE FROM mirror_state WHERE key = ?', [key])
    : db.run(
        `INSERT INTO mirror_state (key, value) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [key, json],
      ))
}
