import pg from 'pg'
import { expect, test } from 'vitest'
import { freshPostgresUrl } from './postgres-test-db.ts'

test('the test PostgreSQL is 15 or newer and has pg_trgm and unaccent', async () => {
  const client = new pg.Client({ connectionString: await freshPostgresUrl() })
  await client.connect()
  try {
    const version = await client.query<{ v: string }>(
      `SELECT current_setting('server_version_num') AS v`,
    )
    expect(Number(version.rows[0]?.v)).toBeGreaterThanOrEqual(150000)
    const available = await client.query<{ name: string }>(
      `SELECT name FROM pg_available_extensions WHERE name IN ('pg_trgm', 'unaccent') ORDER BY name`,
    )
    expect(available.rows.map((row) => row.name)).toEqual(['pg_trgm', 'unaccent'])
  } finally {
    await client.end()
  }
})
