// `npm test`: every check in order, stopping at the first that fails.
import { spawnSync } from 'node:child_process'

const steps: [string, string[]][] = [
  ['type-check', ['npx', 'tsc', '-p', 'tsconfig.json']],
  ['lint', ['npx', 'eslint', '.', '--max-warnings', '0']],
  ['format', ['npx', 'prettier', '--check', '.', '--log-level', 'warn']],
  ['unit and component tests', ['npx', 'vitest', 'run']],
  ['build', ['npx', 'vite', 'build']],
  ['server build', ['npx', 'vite', 'build', '--ssr', 'server/index.ts', '--outDir', 'dist/server']],
  ['size budgets', ['node', 'scripts/size-budget.ts']],
  ['end-to-end tests', ['npx', 'playwright', 'test']],
]

const only = process.argv.slice(2)
for (const [name, [cmd, ...args]] of steps) {
  if (only.length > 0 && !only.includes(name)) continue
  const started = Date.now()
  console.log(`\n▶ ${name}`)
  const result = spawnSync(cmd ?? '', args, { stdio: 'inherit' })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    console.error(`✖ ${name} failed (${seconds} s)`)
    process.exit(result.status ?? 1)
  }
  console.log(`✔ ${name} (${seconds} s)`)
}
