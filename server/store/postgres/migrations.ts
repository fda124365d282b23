// Bringing the mirror's schema up to date at start, in one transaction under an advisory
// lock: two replicas starting at once take turns, and the second finds the work done. A
// schema written by a newer dashboard is refused untouched, and so is a database whose
// mirror_ tables belong to something else.
import type pg from 'pg'
import { StoreError } from '../store-error.ts'
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts'

/** Written beside each version: tells our mirror_schema_version from another's. */
export const APPLICATION = 'perform-chat-dashboard mirror'

/** pg_advisory_xact_lock(MIGRATION_LOCK): "PCDM" and 1. Leader election must use another. */
export const MIGRATION_LOCK = [0x5043444d, 1] as const

type Client = Pick<pg.PoolClient, 'query'>

const one = async (client: Client, sql: string, params: unknown[] = []) =>
  (await client.query<Record<string, unknown>>(sql, params)).rows[0] ?? {}

const foreign = (where: string) =>
  new StoreError(
    'not_a_mirror',
    `The database ${where} holds mirror_ tables of another application, not the dashboard's mirror; point DATABASE_URL elsewhere.`,
  )

/** The schema version of the mirror in this database (0: none yet); refuses what it must not touch. */
async function installedVersion(client: Client, where: string): Promise<number> {
  const found = await one(
    client,
    `SELECT to_regclass('mirror_schema_version') IS NOT NULL AS versions,
            to_regclass('mirror_conversations') IS NOT NULL AS conversations,
            (SELECT array_agg(attname::text ORDER BY attname) FROM pg_attribute
              WHERE attrelid = to_regclass('mirror_schema_version') AND attnum > 0
                AND NOT attisdropped) AS columns`,
  )
  if (found.versions !== true) {
    if (found.conversations === true) throw foreign(where)
    return 0
  }
  if (JSON.stringify(found.columns) !== JSON.stringify(['application', 'applied_at', 'version']))
    throw foreign(where)
  const row = await one(
    client,
    `SELECT count(*) FILTER (WHERE application <> $1) AS others,
            coalesce(max(version) FILTER (WHERE application = $1), 0) AS version
     FROM mirror_schema_version`,
    [APPLICATION],
  )
  if (row.others !== 0 || row.version === 0) throw foreign(where)
  const version = typeof row.version === 'number' ? row.version : 0
  if (version > SCHEMA_VERSION) {
    throw new StoreError(
      'newer_schema',
      `The mirror in ${where} was written by a newer version of the dashboard (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade, or point DATABASE_URL elsewhere.`,
    )
  }
  return version
}

// Why CREATE EXTENSION failed: not allowed, or not installed on the server.
const CANNOT_CREATE: Record<string, string> = {
  '42501': 'this user may not create it',
  '0A000': 'the server lacks it',
  '58P01': 'the server lacks it',
}

/** pg_trgm's schema, the extension created first when the database lacks it. */
async function trigramSchema(client: Client, where: string): Promise<string> {
  const find = `SELECT quote_ident(n.nspname) AS schema FROM pg_extension e
    JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`
  const found = await one(client, find)
  if (typeof found.schema === 'string') return found.schema
  try {
    await client.query('CREATE EXTENSION pg_trgm')
  } catch (error) {
    const state = error instanceof Error && 'code' in error ? String(error.code) : ''
    const cannot = CANNOT_CREATE[state]
    if (cannot === undefined) throw error
    throw new StoreError(
      'cannot_open',
      `The mirror needs the pg_trgm extension in ${where}, and ${cannot} (${state}). Have a superuser or the database's owner run CREATE EXTENSION pg_trgm there (Debian: the postgresql-contrib package).`,
      { cause: error },
    )
  }
  return String((await one(client, find)).schema)
}

export async function migrate(client: Client, where: string): Promise<void> {
  await client.query('BEGIN; SET LOCAL statement_timeout = 0')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...MIGRATION_LOCK])
    const version = await installedVersion(client, where)
    if (version < SCHEMA_VERSION) {
      const trgm = await trigramSchema(client, where)
      if (version === 0) {
        await client.query(`CREATE TABLE mirror_schema_version (
          application text NOT NULL, version integer NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (application, version))`)
      }
      for (const [i, sql] of MIGRATIONS.entries()) {
        if (i < version) continue
        await client.query(sql.replaceAll('{trgm}', trgm))
        await client.query(
          'INSERT INTO mirror_schema_version (application, version) VALUES ($1, $2)',
          [APPLICATION, i + 1],
        )
      }
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
