// What an operator reads when the mirror's PostgreSQL cannot be used: a StoreError whose
// code says why, whose message names the server but never the password of DATABASE_URL.
import pg from 'pg'
import { expect, test } from 'vitest'
import { freshPostgresUrl } from '../../testing/postgres-test-db.ts'
import { openStore } from '../open-store.ts'
import { conversation, NO_FILTERS } from '../store-suite-fixtures.ts'
import { StoreError } from '../store-error.ts'
import { toStoreError } from './postgres-errors.ts'

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ code: 'none', message: '' }),
    (error: unknown) =>
      error instanceof StoreError
        ? { code: error.code, message: error.message }
        : { code: 'not a StoreError', message: String(error) },
  )

const withPassword = (url: string, password: string) => {
  const next = new URL(url)
  next.password = password
  return next.toString()
}

async function run(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows
  } finally {
    await client.end()
  }
}

test('a server that cannot be reached is unavailable, and the password is never shown', async () => {
  const { code, message } = await failure(openStore('postgres://user:s3cret-pw@127.0.0.1:1/db'))
  expect(code).toBe('unavailable')
  expect(message).toContain('127.0.0.1:1, database db')
  expect(message).not.toContain('s3cret-pw')
  expect(await failure(openStore(' POSTGRESQL://user:s3cret-pw@127.0.0.1:1/db'))).toMatchObject({
    code: 'unavailable',
  })
})

test('a wrong password, a missing database and a TLS the server lacks cannot open, named as such', async () => {
  const url = await freshPostgresUrl()
  const wrong = await failure(openStore(withPassword(url, 'n0t-the-pw')))
  expect(wrong.code).toBe('cannot_open')
  expect(wrong.message).toMatch(/refused the user name or password of DATABASE_URL \(28P01\)/)
  expect(wrong.message).not.toContain('n0t-the-pw')
  const missing = new URL(url)
  missing.pathname = '/no_such_database'
  expect(await failure(openStore(missing.toString()))).toMatchObject({
    code: 'cannot_open',
    message: expect.stringContaining('does not exist. Create it') as unknown,
  })
  expect(await failure(openStore(`${url}?sslmode=require`))).toMatchObject({
    code: 'cannot_open',
    message: expect.stringContaining('does not support TLS') as unknown,
  })
  const allowed = await openStore(`${url}?sslmode=allow`)
  expect(await allowed.counts()).toEqual({ conversations: 0, customers: 0 })
  await allowed.close()
})

test('a database that accepts no writes makes writes fail as read_only, reads still work', async () => {
  const url = await freshPostgresUrl()
  await (await openStore(url)).close()
  const name = new URL(url).pathname.slice(1)
  await run(url, `ALTER DATABASE ${name} SET default_transaction_read_only = on`)
  const store = await openStore(url)
  expect(await failure(store.upsertConversations([conversation('a')]))).toMatchObject({
    code: 'read_only',
    message: expect.stringContaining('accepts no writes') as unknown,
  })
  expect(await store.countConversations(NO_FILTERS)).toBe(0)
  await store.close()
})

test('a user that may create tables but not extensions is told to have pg_trgm created', async () => {
  const url = await freshPostgresUrl()
  const role = `mirror_user_${process.pid}_${Date.now().toString(36)}`
  await run(
    url,
    `CREATE ROLE ${role} LOGIN PASSWORD 'role-pw'; GRANT CREATE ON SCHEMA public TO ${role}`,
  )
  const asRole = new URL(url)
  asRole.username = role
  asRole.password = 'role-pw'
  const refused = await failure(openStore(asRole.toString()))
  expect(refused).toMatchObject({ code: 'cannot_open' })
  expect(refused.message).toMatch(/needs the pg_trgm extension .* this user may not create it/)
  expect(refused.message).toContain('CREATE EXTENSION pg_trgm')
  // Once an owner created it, these privileges are all the mirror needs.
  await run(url, 'CREATE EXTENSION pg_trgm')
  const store = await openStore(asRole.toString())
  await store.upsertConversations([conversation('a', { title: 'Refund' })])
  expect(await store.countConversations({ ...NO_FILTERS, q: 'fun' })).toBe(1)
  await store.close()
})

test('a connection the server ends is replaced: the next call works', async () => {
  const url = await freshPostgresUrl()
  const store = await openStore(url)
  await store.upsertConversations([conversation('a')])
  const name = new URL(url).pathname.slice(1)
  const ended = await run(
    url,
    `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
     WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
  )
  expect(ended.length).toBeGreaterThan(0)
  expect(await store.counts()).toEqual({ conversations: 1, customers: 0 })
  await store.close()
})

test('holds at most poolMax connections however many calls run at once', async () => {
  const url = await freshPostgresUrl()
  const store = await openStore(url, { poolMax: 2 })
  await store.upsertConversations([conversation('a', { title: 'Refund' })])
  const counted = await Promise.all(
    Array.from({ length: 12 }, () => store.countConversations({ ...NO_FILTERS, q: 'refund' })),
  )
  expect(counted).toEqual(counted.map(() => 1))
  const name = new URL(url).pathname.slice(1)
  const [row] = await run(
    url,
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${name}' AND application_name = 'perform-chat-dashboard'`,
  )
  expect(row?.n).toBeGreaterThanOrEqual(1)
  expect(row?.n).toBeLessThanOrEqual(2)
  await store.close()
})

test('calls after close fail as unavailable, and closing twice is harmless', async () => {
  const store = await openStore(await freshPostgresUrl())
  await store.close()
  await store.close()
  expect(await failure(store.counts())).toMatchObject({ code: 'unavailable' })
  expect(await failure(store.upsertConversations([conversation('a')]))).toMatchObject({
    code: 'unavailable',
  })
})

test('turns the driver’s failures into StoreError codes', () => {
  const context = { where: 'db:5432, database mirror', password: 's3cret-pw' }
  const database = (code: string) => Object.assign(new Error('server said no'), { code })
  const codes = [
    database('53100'),
    database('25006'),
    database('57P01'),
    database('08006'),
    database('40P01'),
    Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    new Error('Connection terminated unexpectedly'),
    Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
  ].map((error) => {
    const mapped = toStoreError(error, context)
    return mapped instanceof StoreError ? mapped.code : 'unmapped'
  })
  expect(codes).toEqual([
    'disk_full',
    'read_only',
    'unavailable',
    'unavailable',
    'busy',
    'unavailable',
    'unavailable',
    'cannot_open',
  ])
  const leaked = toStoreError(new Error('bad value s3cret-pw here'), context)
  expect(leaked).toBeInstanceOf(Error)
  expect((leaked as Error).message).toBe('bad value ******** here')
})
