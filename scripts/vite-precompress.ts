// Writes a Brotli (.br) and a gzip (.gz) copy of every compressible file of the browser
// build, at their highest levels, once, at build time. The server sends these as they are
// (static.ts) instead of compressing each script on every first visit: on a fresh server
// that compression queued behind the first sync's writes, and the app's scripts took 0.2–
// 0.4 s to arrive (bench:crawl).
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

const compressible = /\.(?:js|css|html|svg|json|txt)$/
/** Below this many bytes, compressing costs more than it saves (as compression.ts). */
const thresholdBytes = 1024

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

export function precompress(): Plugin {
  return {
    name: 'performchat-precompress',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist/client'
      const writes = Object.values(bundle).flatMap((file) => {
        const body = file.type === 'chunk' ? file.code : file.source
        if (!compressible.test(file.fileName) || body.length < thresholdBytes) return []
        const path = join(dir, file.fileName)
        return [
          brotli(body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }).then((data) => writeFile(`${path}.br`, data)),
          gzipped(body, { level: constants.Z_BEST_COMPRESSION }).then((data) =>
            writeFile(`${path}.gz`, data),
          ),
        ]
      })
      await Promise.all(writes)
    },
  }
}
