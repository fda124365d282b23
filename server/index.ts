// `npm start`: the production server. It needs the key, opens the mirror, starts the
// sync (one replica of several on PostgreSQL: as soon as it leads), serves dist/client and
// /api, prints the address it really listens on, and on SIGTERM/SIGINT tells push
// streams it is restarting, finishes what is in flight and closes the mirror before it
// exits.
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { ClusterError } from './cluster/cluster-error.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { checkListenAddress } from './http/listen-guard.ts'
import { createServices } from './services.ts'
import { clientDirectory, serveClient } from './http/static.ts'
import { StoreError } from './store/store-error.ts'

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

const services = await createServices(config).catch((error: unknown) => {
  if (!(error instanceof StoreError) && !(error instanceof ClusterError)) throw error
  console.error(error.message)
  process.exit(1)
})
if ('warn' in exposure) services.logger.warn(exposure.warn)
services.sync.start()
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
  let closed = false
  const exit = () => {
    if (closed) return
    closed = true
    void services.shutdown().finally(() => process.exit(0))
  }
  // Push streams first: their last event tells each page to reconnect to the next process.
  services.push.closeAll()
  server.close(exit)
  // A kept-alive connection whose request finishes after close() would otherwise hold the
  // process until the client's keep-alive timeout: close each one as soon as it is idle.
  if ('closeIdleConnections' in server) {
    server.closeIdleConnections()
    setInterval(() => server.closeIdleConnections(), 100).unref()
  }
  setTimeout(exit, graceMs).unref()
}
process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
