import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { connectionConfig, type Tls } from './connection-config.ts'

const URL = 'postgres://dash:s3cret-pw@db.example:6543/mirror'

/** What each attempt does: plain, TLS unverified, TLS checking the chain only, or fully. */
const kinds = (attempts: readonly Tls[]) =>
  attempts.map((tls) =>
    tls === false
      ? 'plain'
      : tls.rejectUnauthorized === false
        ? 'unverified'
        : tls.checkServerIdentity
          ? 'verify-ca'
          : 'verify-full',
  )

function certificates() {
  const folder = mkdtempSync(join(tmpdir(), 'pg-tls-'))
  for (const name of ['root.crt', 'client.crt', 'client.key'])
    writeFileSync(join(folder, name), `-----${name}-----`)
  return folder
}

test('reads the server, database, user and password of the URL, and shows neither of the last two', () => {
  const config = connectionConfig(`${URL}?application_name=replica-2&connect_timeout=3`)
  expect(config.client).toMatchObject({
    host: 'db.example',
    port: 6543,
    database: 'mirror',
    user: 'dash',
    password: 's3cret-pw',
    application_name: 'replica-2',
    connectionTimeoutMillis: 3000,
  })
  expect(config.where).toBe('db.example:6543, database mirror')
  expect(config.password).toBe('s3cret-pw')
  expect(connectionConfig('postgresql://u@localhost/db').client).toMatchObject({
    port: 5432,
    connectionTimeoutMillis: 10_000,
  })
})

test('gives sslmode the meaning libpq gives it, prefer when unset', () => {
  const modes = {
    '': ['unverified', 'plain'],
    disable: ['plain'],
    allow: ['plain', 'unverified'],
    prefer: ['unverified', 'plain'],
    require: ['unverified'],
    'verify-full': ['verify-full'],
  }
  for (const [mode, expected] of Object.entries(modes)) {
    const config = connectionConfig(mode ? `${URL}?sslmode=${mode}` : URL)
    expect({ mode, attempts: kinds(config.attempts) }).toEqual({ mode, attempts: expected })
  }
  expect(kinds(connectionConfig(`${URL}?uselibpqcompat=true&sslmode=require`).attempts)).toEqual([
    'unverified',
  ])
  expect(kinds(connectionConfig(`${URL}?sslrootcert=system`).attempts)).toEqual(['verify-full'])
})

test('checks the chain against sslrootcert for require and verify-ca, and sends the client certificate', () => {
  const folder = certificates()
  const files = `sslrootcert=${join(folder, 'root.crt')}&sslcert=${join(folder, 'client.crt')}&sslkey=${join(folder, 'client.key')}&sslpassword=pass`
  for (const mode of ['require', 'verify-ca']) {
    const [tls] = connectionConfig(`${URL}?sslmode=${mode}&${files}`).attempts
    expect(kinds(tls === undefined ? [] : [tls])).toEqual(['verify-ca'])
    expect(tls).toMatchObject({
      ca: '-----root.crt-----',
      cert: '-----client.crt-----',
      key: '-----client.key-----',
      passphrase: 'pass',
    })
  }
  const [full] = connectionConfig(`${URL}?sslmode=verify-full&${files}`).attempts
  expect(full).toMatchObject({ ca: '-----root.crt-----' })
  expect(kinds(full === undefined ? [] : [full])).toEqual(['verify-full'])
})

test('connects to a Unix socket without TLS, as libpq does', () => {
  const config = connectionConfig('postgres:///mirror?host=/var/run/postgresql&sslmode=require')
  expect(config.client.host).toBe('/var/run/postgresql')
  expect(kinds(config.attempts)).toEqual(['plain'])
})

test('refuses settings libpq refuses, naming the setting and never the password', () => {
  const refused = [
    `${URL}?sslmode=sometimes`,
    `${URL}?sslmode=verify-ca`,
    `${URL}?sslmode=require&sslrootcert=system`,
    `${URL}?sslmode=verify-full&sslrootcert=/nowhere/root.crt`,
  ]
  const messages = refused.map((url) => {
    try {
      connectionConfig(url)
      return 'accepted'
    } catch (error) {
      expect(error).toMatchObject({ name: 'StoreError', code: 'unsupported_url' })
      return error instanceof Error ? error.message : ''
    }
  })
  expect(messages[0]).toMatch(/sslmode must be one of disable, allow, prefer/)
  expect(messages[1]).toMatch(/verify-ca needs sslrootcert/)
  expect(messages[2]).toMatch(/sslrootcert=system needs sslmode=verify-full/)
  expect(messages[3]).toMatch(/cannot be read \(ENOENT\)/)
  for (const message of messages) expect(message).not.toContain('s3cret-pw')
})
