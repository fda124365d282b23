// The server's worker threads are entries of the server build of their own: a worker is
// started from a file (count-thread.ts looks for count-worker.js beside the bundle), so
// the build writes each one to dist/server under the name the code asks for.
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

const workers = { 'count-worker.js': '../server/store/sqlite/count-worker.ts' }

export function serverWorkers(): Plugin {
  return {
    name: 'performchat-server-workers',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'ssr',
    buildStart() {
      for (const [fileName, source] of Object.entries(workers))
        this.emitFile({
          type: 'chunk',
          id: fileURLToPath(new URL(source, import.meta.url)),
          fileName,
        })
    },
  }
}
