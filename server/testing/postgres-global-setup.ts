// Vitest's global setup for the server project: one PostgreSQL for the whole run, its URL
// provided to the tests as `postgresUrl` (see postgres-test-db.ts).
import type { TestProject } from 'vitest/node'
import { startTestPostgres } from './postgres-server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestPostgres()
  project.provide('postgresUrl', server.url)
  return () => server.stop()
}
