// CLI for e2e and manual runs: `npx node mocks/mock-upstream.ts --port 4010`.
import { parseArgs } from 'node:util'
import { startMockUpstream } from './upstream-server.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    conversations: { type: 'string', default: '300' },
    customers: { type: 'string', default: '40' },
    seed: { type: 'string', default: '1' },
    'rate-per-minute': { type: 'string', default: '1000' },
    'key-id': { type: 'string' },
    'key-secret': { type: 'string' },
  },
})

function integer(name: string, raw: string): number {
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number, got "${raw}"`)
    process.exit(2)
  }
  return value
}

const mock = await startMockUpstream({
  port: integer('port', values.port),
  host: values.host,
  ratePerMinute: integer('rate-per-minute', values['rate-per-minute']),
  dbOptions: {
    conversations: integer('conversations', values.conversations),
    customers: integer('customers', values.customers),
    seed: integer('seed', values.seed),
  },
  ...(values['key-id'] ? { keyId: values['key-id'] } : {}),
  ...(values['key-secret'] ? { keySecret: values['key-secret'] } : {}),
})
console.log(`mock upstream listening on ${mock.url}`)

const stop = () => void mock.close().then(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
