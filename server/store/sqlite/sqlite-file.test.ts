import { createHash } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { expect, test } from 'vitest'
import { openStore } from '../open-store.ts'
import { StoreError } from '../store-error.ts'
import { conversation } from '../store-suite-fixtures.ts'
import { SCHEMA_VERSION } from './migrations.ts'

const tempDir = () => mkdtempSync(join(tmpdir(), 'sqlite-file-'))
const mode = (path: string) => statSync(path).mode & 0o777
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

test('creates the schema in an empty file and keeps rows across a reopen', async () => {
  const path = join(tempDir(), 'mirror.sqlite')
  writeFileSync(path, '')
  const store = await openStore(`file:${path}`)
  await store.upsertConversations([conversation('a', { title: 'Refund' })])
  await store.close()
  const reopened = await openStore(`file:${path}`)
  expect(
    (
      await reopened.listConversations({
        page: 1,
        limit: 20,
        sort: { column: 'title', desc: false },
        customer: '',
        q: 'refund',
        text: '',
      })
    ).total,
  ).toBe(1)
  await reopened.close()
  const db = new DatabaseSync(path, { readOnly: true })
  expect(db.prepare('PRAGMA user_version').get()?.user_version).toBe(SCHEMA_VERSION)
  expect(db.prepare('PRAGMA journal_mode').get()?.journal_mode).toBe('wal')
  db.close()
})

test('refuses, untouched, a mirror written by a newer schema', async () => {
  const path = join(tempDir(), 'mirror.sqlite')
  await (await openStore(`file:${path}`)).close()
  const db = new DatabaseSync(path)
  db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}; PRAGMA journal_mode = DELETE`)
  db.close()
  const before = digest(path)
  const opening = openStore(`file:${path}`)
  await expect(opening).rejects.toThrow(StoreError)
  await expect(opening).rejects.toThrow(
    `written by a newer version of the dashboard (schema ${SCHEMA_VERSION + 1}, this one knows ${SCHEMA_VERSION}); upgrade, or point DATABASE_URL elsewhere`,
  )
  expect(digest(path)).toBe(before)
})

test("refuses another application's SQLite database", async () => {
  const path = join(tempDir(), 'other.sqlite')
  const db = new DatabaseSync(path)
  db.exec('CREATE TABLE notes (body TEXT)')
  db.close()
  await expect(openStore(`file:${path}`)).rejects.toMatchObject({ code: 'not_a_mirror' })
})

test('creates its folder 0700 and its file 0600, and makes an existing file private', async () => {
  const root = tempDir()
  const store = await openStore('file:nested/data/mirror.sqlite', { cwd: root })
  await store.close()
  expect(mode(join(root, 'nested'))).toBe(0o700)
  expect(mode(join(root, 'nested/data'))).toBe(0o700)
  expect(mode(join(root, 'nested/data/mirror.sqlite'))).toBe(0o600)
  const existing = join(root, 'old.sqlite')
  writeFileSync(existing, '')
  chmodSync(existing, 0o644)
  await (await openStore(`file:${existing}`)).close()
  expect(mode(existing)).toBe(0o600)
})

test('a full disk fails the write whole, as disk_full, and the mirror stays readable', async () => {
  const store = await openStore(`file:${join(tempDir(), 'mirror.sqlite')}`, { maxPageCount: 64 })
  const page = (n: number) =>
    Array.from({ length: 100 }, (_, i) =>
      conversation(`p${n}-${i}`, { title: `Page ${n} ${'x'.repeat(200)}` }),
    )
  let failure: unknown
  let written = 0
  for (let n = 0; n < 100 && failure === undefined; n++) {
    await store.upsertConversations(page(n)).then(
      () => {
        written++
      },
      (error: unknown) => {
        failure = error
      },
    )
  }
  expect(failure).toBeInstanceOf(StoreError)
  expect(failure).toMatchObject({ code: 'disk_full' })
  expect(String(failure)).toContain('is full')
  expect(written).toBeGreaterThan(0)
  expect(await store.counts()).toEqual({ conversations: written * 100, customers: 0 })
  await store.close()
})

test('an export reads one snapshot while the sync goes on writing', async () => {
  const store = await openStore(`file:${join(tempDir(), 'mirror.sqlite')}`)
  const page = (from: number, title: string) =>
    Array.from({ length: 100 }, (_, i) =>
      conversation(`r${from + i}`, { title, message_count: from + i }),
    )
  for (let from = 0; from < 2500; from += 100) await store.upsertConversations(page(from, 'Before'))
  const titles: string[] = []
  const exporting = store.exportConversations({
    sort: { column: 'message_count', desc: false },
    customer: '',
    q: '',
    text: '',
  })
  for await (const batch of exporting) {
    if (titles.length === 0) {
      await store.upsertConversations(page(2000, 'After'))
      await store.upsertConversations(page(9000, 'After'))
    }
    titles.push(...batch.map((row) => row.title ?? ''))
  }
  expect(titles).toHaveLength(2500)
  expect(titles.filter((title) => title !== 'Before')).toEqual([])
  expect((await store.counts()).conversations).toBe(2600)
  await store.close()
})

test('names DATABASE_URL and its forms for a URL it cannot open', async () => {
  await expect(openStore('mysql://user:secret@db/x')).rejects.toMatchObject({
    code: 'unsupported_url',
  })
  await expect(openStore('mysql://user:secret@db/x')).rejects.toThrow(
    /DATABASE_URL must be file:PATH .* or postgres:\/\//,
  )
  await expect(openStore('mysql://user:secret@db/x')).rejects.not.toThrow('secret')
})
