// The mock's test-only control route, outside /rest/v1: e2e tests running the mock in
// another process switch faults, reset state and insert conversations through it.
import * as z from 'zod/mini'
import { describeIssues } from '../src/lib/contract.ts'
import { insertConversations, resetMockDb, type MockDb } from './data.ts'
import { FaultSettingsSchema, type Faults, type Stats } from './faults.ts'
import type { UpstreamRules } from './upstream-rules.ts'

export type ControlTarget = {
  db: MockDb
  faults: Faults
  stats: Stats
  rules: UpstreamRules
  resetHandlers: () => void
}

const InsertSchema = z.strictObject({ count: z.int().check(z.minimum(1), z.maximum(100_000)) })

type Answer = { status: number; body: unknown }

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw || '{}')
  } catch {
    return undefined
  }
}

export function handleControl(
  method: string,
  path: string,
  raw: string,
  mock: ControlTarget,
): Answer {
  const route = `${method} ${path}`
  if (route === 'GET /__control/stats') return { status: 200, body: mock.stats.snapshot() }
  if (route === 'POST /__control/reset') {
    mock.faults.reset()
    mock.stats.reset()
    mock.rules.reset()
    mock.resetHandlers()
    resetMockDb(mock.db)
    return { status: 200, body: { ok: true } }
  }
  if (route === 'POST /__control/faults') {
    const parsed = FaultSettingsSchema.safeParse(parseJson(raw))
    if (!parsed.success) return invalid(describeIssues(parsed.error))
    mock.faults.set(parsed.data)
    return { status: 200, body: { faults: mock.faults.current() } }
  }
  if (route === 'POST /__control/insert') {
    const parsed = InsertSchema.safeParse(parseJson(raw))
    if (!parsed.success) return invalid(describeIssues(parsed.error))
    const added = insertConversations(mock.db, parsed.data.count)
    return { status: 200, body: { inserted: added.length, total: mock.db.conversations.length } }
  }
  return { status: 404, body: { error: `no control route ${route}` } }
}

function invalid(message: string): Answer {
  return { status: 400, body: { error: message } }
}
