// `npm test`: every check in order, stopping at the first that fails.
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'

// The build runs with a canary key in its environment so the scan can prove the
// secret reaches no file under dist/.
const canary = { API_KEY_ID: 'canary-key-id', API_KEY_SECRET: `canary-secret-${randomUUID()}` }

const steps: [string, string[], { canary?: boolean }?][] = [
  ['type-check', ['npx', 'tsc', '-p', 'tsconfig.json']],
  ['lint', ['npx', 'eslint', '.', '--max-warnings', '0']],
  ['format', ['npx', 'prettier', '--check', '.', '--log-level', 'warn']],
  ['unit and component tests', ['npx', 'vitest', 'run']],
  ['build', ['npx', 'vite', 'build'], { canary: true }],
  [
    'server build',
    ['npx', 'vite', 'build', '--ssr', 'server/index.ts', '--outDir', 'dist/server'],
    { canary: true },
  ],
  ['secret scan', ['node', 'scripts/secret-scan.ts'], { canary: true }],
  ['size budgets', ['node', 'scripts/size-budget.ts']],
  ['end-to-end tests', ['npx', 'playwright', 'test']],
]

const only = process.argv.slice(2)
for (const [name, [cmd, ...args], options] of steps) {
  if (only.length > 0 && !only.includes(name)) continue
  const started = Date.now()
  console.log(`\n▶ ${name}`)
  const result = spawnSync(cmd ?? '', args, {
    stdio: 'inherit',
    env: options?.canary ? { ...process.env, ...canary } : process.env,
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    console.error(`✖ ${name} failed (${seconds} s)`)
    process.exit(result.status ?? 1)
  }
  console.log(`✔ ${name} (${seconds} s)`)
}
