// Proves the API secret used for the build is in no file under dist/, the precompressed
// copies (.br, .gz) read decompressed.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

const secret = process.env.API_KEY_SECRET
if (!secret || secret.length < 16) {
  console.error(
    '✖ secret scan needs API_KEY_SECRET (a canary of 16+ characters) in the environment',
  )
  process.exit(1)
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* files(path)
    else yield path
  }
}

const all = [...files('dist')]
const contentOf = (file: string) => {
  const bytes = readFileSync(file)
  if (file.endsWith('.br')) return brotliDecompressSync(bytes)
  if (file.endsWith('.gz')) return gunzipSync(bytes)
  return bytes
}
const leaks = all.filter((file) => contentOf(file).includes(secret))
if (leaks.length > 0) {
  console.error(`✖ the API secret appears in: ${leaks.join(', ')}`)
  process.exit(1)
}
console.log(`✔ the API secret is in none of the ${all.length} files under dist/`)
