// Switches a test flips to make the mock upstream misbehave, and the tally of what it
// answered, so a test can prove how many requests reached "perform.chat".
import * as z from 'zod/mini'

const count = z.int().check(z.minimum(0))

export const FaultSettingsSchema = z.strictObject({
  /** The next N requests fail with 500. */
  status500: z.optional(count),
  /** The next `count` requests fail with 429 and this Retry-After. */
  status429: z.optional(z.strictObject({ count, retryAfterSeconds: count })),
  /** Every response waits this long first. */
  latencyMs: z.optional(count.check(z.maximum(600_000))),
  /** The next N successful bodies are cut short (invalid JSON). */
  malformedJson: z.optional(count),
  /** Requests are never answered. */
  hang: z.optional(z.boolean()),
  /** Pages of the conversation list hold more rows than the `limit` asked for. */
  oversizedPages: z.optional(z.boolean()),
  /** The conversation list's pagination claims this `total` (and pages to match). */
  claimedTotal: z.optional(count.check(z.maximum(1_000_000_000))),
})
export type FaultSettings = z.infer<typeof FaultSettingsSchema>

/** What the next request meets before it reaches a route, counted down once per request. */
export type Fault =
  | { kind: 'none' }
  | { kind: 'hang' }
  | { kind: 'status500' }
  | { kind: 'status429'; retryAfterSeconds: number }

export type Faults = {
  set: (settings: FaultSettings) => void
  reset: () => void
  current: () => FaultSettings
  latencyMs: () => number
  take: () => Fault
  /** True when this successful body should be sent cut short. */
  takeMalformed: () => boolean
}

export function createFaults(): Faults {
  let settings: FaultSettings = {}
  return {
    set: (next) => (settings = FaultSettingsSchema.parse(next)),
    reset: () => (settings = {}),
    current: () => structuredClone(settings),
    latencyMs: () => settings.latencyMs ?? 0,
    take: () => {
      if (settings.hang) return { kind: 'hang' }
      if (settings.status500) {
        settings.status500--
        return { kind: 'status500' }
      }
      const limited = settings.status429
      if (limited && limited.count > 0) {
        limited.count--
        return { kind: 'status429', retryAfterSeconds: limited.retryAfterSeconds }
      }
      return { kind: 'none' }
    },
    takeMalformed: () => {
      if (!settings.malformedJson) return false
      settings.malformedJson--
      return true
    },
  }
}

export type StatsSnapshot = { requests: number; byStatus: Record<string, number> }
export type Stats = {
  record: (status: number) => void
  snapshot: () => StatsSnapshot
  reset: () => void
}

export function createStats(): Stats {
  let byStatus: Record<string, number> = {}
  let requests = 0
  return {
    record: (status) => {
      requests++
      byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1
    },
    snapshot: () => ({ requests, byStatus: { ...byStatus } }),
    reset: () => {
      byStatus = {}
      requests = 0
    },
  }
}
