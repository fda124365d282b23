// How long an interactive request may queue for the upstream budget. A support person
// waiting on a transcript should see "rate limit, try again in N seconds" rather than a
// page that hangs while a 429's Retry-After or a full window runs out. And what a gate
// throws instead of letting a call through.

/** Interactive upstream calls that would queue longer than this fail at once with a 429. */
export const interactiveMaxWaitMs = 5_000

/** Thrown by a gate's acquire when the wait would exceed the caller's maxWaitMs. */
export class GateWaitTooLong extends Error {
  /** When the call could have gone (epoch ms). */
  readonly untilMs: number

  constructor(untilMs: number) {
    super('the upstream rate limit would hold this call back too long')
    this.name = 'GateWaitTooLong'
    this.untilMs = untilMs
  }
}

/** Thrown by a gate's acquire while the key is in a 401 cool-down another replica started. */
export class GateKeyRejected extends Error {
  /** When the cool-down ends (epoch ms). */
  readonly untilMs: number

  constructor(untilMs: number) {
    super('perform.chat rejected the API key a moment ago')
    this.name = 'GateKeyRejected'
    this.untilMs = untilMs
  }
}
