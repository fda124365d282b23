import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import pluginQuery from '@tanstack/eslint-plugin-query'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['src/**/*.{ts,tsx}'], ...reactHooks.configs.flat['recommended-latest'] },
  ...pluginQuery.configs['flat/recommended'],
  // The server's layers (DESIGN.md): data flows one way, and only tests import testing/.
  layer('server/upstream/**', ['sync', 'store', 'http', 'cluster', 'testing', 'app', 'services']),
  layer('server/store/**', ['sync', 'http', 'cluster', 'testing', 'app', 'services']),
  layer('server/sync/**', ['http', 'cluster', 'testing', 'app', 'services']),
  // How replicas share the sync, the budget and the news: composed by services.ts, told
  // the sync's and store's shapes, never the routes.
  layer('server/cluster/**', ['http', 'testing', 'app', 'services']),
  layer('server/http/**', ['cluster', 'testing', 'app', 'services']),
)

/** Files under `files` may not import the named server folders or root modules. */
function layer(files, forbidden) {
  const patterns = forbidden.flatMap((name) => [`**/server/${name}/**`, `**/server/${name}.ts`])
  return {
    files: [files],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: patterns, message: 'Import direction: see DESIGN.md (server layers).' },
            {
              group: forbidden.flatMap((name) => [
                `../${name}/*`,
                `../${name}.ts`,
                `../../${name}/*`,
              ]),
              message: 'Import direction: see DESIGN.md (server layers).',
            },
          ],
        },
      ],
    },
  }
}
