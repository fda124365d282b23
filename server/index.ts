// `npm start`: the production server. It needs the key, serves dist/client and /api,
// prints the address it really listens on, and on SIGTERM/SIGINT finishes what is in
// flight before it exits.
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { checkListenAddress } from './http/listen-guard.ts'
import { createServices } from './services.ts'
import { clientDirectory, serveClient } from './http/static.ts'

const graceMs = 10_000

function load(): Config {
  try {
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}

const config = load()
if (!config.apiKey) {
  console.error(
    'The perform.chat API key is missing: set API_KEY_ID and API_KEY_SECRET in the environment, ' +
      '.env.local or .env, then start the server again.',
  )
  process.exit(1)
}

const exposure = checkListenAddress(config)
if ('refuse' in exposure) {
  console.error(exposure.refuse)
  process.exit(1)
}

const services = createServices(config)
if ('warn' in exposure) services.logger.warn(exposure.warn)
const app = createApp(services)
serveClient(app, clientDirectory())

const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
  console.log(`listening on http://${host}:${info.port}`)
})
server.on('error', (error: NodeJS.ErrnoException) => {
  const hint =
    error.code === 'EADDRINUSE' ? ` Port ${config.port} is in use; set PORT to another one.` : ''
  console.error(
    `The server could not listen on ${config.host}:${config.port}: ${error.message}.${hint}`,
  )
  process.exit(1)
})

let stopping = false
function stop(signal: string) {
  if (stopping) process.exit(0)
  stopping = true
  services.logger.info(`${signal}: finishing requests in flight, then exiting`)
  server.close(() => process.exit(0))
  // A kept-alive connection whose request finishes after close() would otherwise hold the
  // process until the client's keep-alive timeout: close each one as soon as it is idle.
  if ('closeIdleConnections' in server) {
    server.closeIdleConnections()
    setInterval(() => server.closeIdleConnections(), 100).unref()
  }
  setTimeout(() => process.exit(0), graceMs).unref()
}
process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
