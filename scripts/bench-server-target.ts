// The server `npm run bench:server` measures, in its own process: the same createServices,
// createApp and serveClient as server/index.ts, with one difference: the upstream limiter's
// budget may be raised past the key's 1000/min (BENCH_UPSTREAM_RATE_PER_MINUTE), which
// UPSTREAM_RATE_PER_MINUTE refuses, so the benchmark measures the server, not the limiter.
import { serve } from '@hono/node-server'
import { createApp } from '../server/app.ts'
import { loadConfig } from '../server/config.ts'
import { createServices } from '../server/services.ts'
import { clientDirectory, serveClient } from '../server/http/static.ts'

const config = loadConfig()
const raised = Number(process.env.BENCH_UPSTREAM_RATE_PER_MINUTE ?? config.upstreamRatePerMinute)
const services = createServices({ ...config, upstreamRatePerMinute: raised })
const app = createApp(services)
serveClient(app, clientDirectory())
serve({ fetch: app.fetch, hostname: config.host, port: config.port })
process.once('SIGTERM', () => process.exit(0))
process.once('SIGINT', () => process.exit(0))
