// Size gates for what a browser downloads before the first paint (issue 6 budgets).
// Reads dist/client/index.html for the entry script, its preloaded chunks and the
// stylesheets, gzips each and fails past the budget.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const BUDGET = { js: 100 * 1024, css: 10 * 1024 }
const root = 'dist/client'
const html = readFileSync(join(root, 'index.html'), 'utf8')

const attr = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1] ?? '')
const js = [
  ...attr(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
  ...attr(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
]
const css = attr(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)

const gzipped = (files: string[]) =>
  files.reduce((sum, file) => sum + gzipSync(readFileSync(join(root, file))).length, 0)

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
let failed = false
for (const [kind, files, budget] of [
  ['initial JavaScript', js, BUDGET.js],
  ['CSS', css, BUDGET.css],
] as const) {
  if (files.length === 0) {
    console.error(`✖ no ${kind} found in ${root}/index.html`)
    failed = true
    continue
  }
  const size = gzipped(files)
  const ok = size <= budget
  failed ||= !ok
  console.log(
    `${ok ? '✔' : '✖'} ${kind}: ${kb(size)} gzip (budget ${kb(budget)}, ${files.length} files)`,
  )
}
// Not budgeted, but shown: the screens' own chunks, which main.tsx requests at start
// alongside the screen's data, so a split can be judged by the whole it adds up to.
const lazy = readdirSync(join(root, 'assets'))
  .filter((file) => file.endsWith('.js') && !js.some((initial) => initial.endsWith(`/${file}`)))
  .map((file) => `${file.replace(/-[\w-]{8}\.js$/, '')} ${kb(gzipped([join('assets', file)]))}`)
if (lazy.length > 0) console.log(`  lazy chunks (gzip): ${lazy.join(', ')}`)
process.exit(failed ? 1 : 0)
