import { expect, test } from 'vitest'
import { realClock } from '../clock.ts'
import { createLogger } from '../logger.ts'
import { freshPostgresUrl } from '../testing/postgres-test-db.ts'
import { ClusterError } from './cluster-error.ts'
import { openPostgresCluster } from './postgres-cluster.ts'

async function refusal(url: string) {
  const lines: string[] = []
  const error: unknown = await openPostgresCluster({
    url,
    logger: createLogger('debug', (line) => lines.push(line)),
    clock: realClock,
    probeLeaseMs: 1_000,
  }).then(
    async (cluster) => {
      await cluster.close()
      return new Error('expected the cluster not to open')
    },
    (reason: unknown) => reason,
  )
  if (!(error instanceof ClusterError)) throw error
  return { message: error.message, logs: lines.join('\n') }
}

test('a wrong password is refused with a message that names DATABASE_URL, not the password', async () => {
  const url = new URL(await freshPostgresUrl())
  url.password = 'n0t-the-Right-password'
  const { message, logs } = await refusal(url.toString())
  expect(message).toContain('DATABASE_URL')
  expect(message).toContain('password authentication failed')
  expect(`${message}${logs}`).not.toContain('n0t-the-Right-password')
})

test('a server that does not answer is refused without repeating the URL', async () => {
  const url = new URL(await freshPostgresUrl())
  url.port = '1'
  const { message, logs } = await refusal(url.toString())
  expect(message).toContain('DATABASE_URL')
  expect(`${message}${logs}`).not.toContain(decodeURIComponent(url.password))
  expect(message).not.toContain(url.pathname.slice(1))
})
