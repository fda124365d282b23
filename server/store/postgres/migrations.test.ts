// Opening a PostgreSQL mirror: the schema applied once however many replicas start at
// once, and databases that are not (or not yet) ours refused untouched.
import pg from 'pg'
import { expect, test } from 'vitest'
import { freshPostgresUrl } from '../../testing/postgres-test-db.ts'
import { openStore } from '../open-store.ts'
import { conversation, ids } from '../store-suite-fixtures.ts'
import { APPLICATION } from './migrations.ts'
import { SCHEMA_VERSION } from './schema.ts'

type Row = Record<string, unknown>

async function query(url: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<Row>(sql, params)).rows
  } finally {
    await client.end()
  }
}

const tables = async (url: string) =>
  (
    await query(
      url,
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    )
  ).map((row) => row.name)

test('three replicas opening one fresh database at once all start, the schema applied once', async () => {
  const url = await freshPostgresUrl()
  const stores = await Promise.all([openStore(url), openStore(url), openStore(url)])
  try {
    await stores[0].upsertConversations([conversation('a')])
    for (const store of stores) expect(await ids(store)).toEqual(['a'])
    const versions = await query(url, 'SELECT application, version FROM mirror_schema_version')
    expect(versions).toEqual([{ application: APPLICATION, version: SCHEMA_VERSION }])
  } finally {
    await Promise.all(stores.map((store) => store.close()))
  }
})

test('opens again a mirror it made, keeping its rows', async () => {
  const url = await freshPostgresUrl()
  const store = await openStore(url)
  await store.upsertConversations([conversation('kept')])
  await store.close()
  const again = await openStore(url)
  expect(await ids(again)).toEqual(['kept'])
  await again.close()
})

test('refuses a mirror written by a newer dashboard, untouched', async () => {
  const url = await freshPostgresUrl()
  await (await openStore(url)).close()
  await query(url, 'INSERT INTO mirror_schema_version (application, version) VALUES ($1, $2)', [
    APPLICATION,
    SCHEMA_VERSION + 1,
  ])
  const before = await tables(url)
  await expect(openStore(url)).rejects.toMatchObject({
    code: 'newer_schema',
    message: expect.stringContaining(
      `newer version of the dashboard (schema ${SCHEMA_VERSION + 1}, this one knows ${SCHEMA_VERSION})`,
    ) as unknown,
  })
  expect(await tables(url)).toEqual(before)
})

test('shares a database with other applications, but refuses mirror_ tables not its own', async () => {
  const shared = await freshPostgresUrl()
  await query(shared, 'CREATE TABLE conversations (id int); CREATE TABLE schema_version (v int)')
  await (await openStore(shared)).close()
  expect(await tables(shared)).toEqual(expect.arrayContaining(['conversations', 'schema_version']))

  for (const setup of [
    'CREATE TABLE mirror_schema_version (version int)',
    `CREATE TABLE mirror_schema_version (application text, version int, applied_at timestamptz);
     INSERT INTO mirror_schema_version VALUES ('another tool', 3, now())`,
    'CREATE TABLE mirror_conversations (id int)',
  ]) {
    const url = await freshPostgresUrl()
    await query(url, setup)
    const before = await tables(url)
    await expect(openStore(url)).rejects.toMatchObject({
      code: 'not_a_mirror',
      message: expect.stringContaining('mirror_ tables of another application') as unknown,
    })
    expect(await tables(url)).toEqual(before)
  }
})

test('uses pg_trgm where the database already has it, in a schema of its own', async () => {
  const url = await freshPostgresUrl()
  await query(url, 'CREATE SCHEMA extensions; CREATE EXTENSION pg_trgm SCHEMA extensions')
  const store = await openStore(url)
  await store.upsertConversations([conversation('a', { title: 'Refund for Crème' })])
  expect(await ids(store, { q: 'crem' })).toEqual(['a'])
  await store.close()
})
