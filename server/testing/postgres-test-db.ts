// A new, empty PostgreSQL database per call, on the server the global setup started.
import { inject } from 'vitest'
import { createDatabaseOn } from './postgres-server.ts'

export const freshPostgresUrl = (): Promise<string> => createDatabaseOn(inject('postgresUrl'))
