// The one client of perform.chat. It holds the key, turns every answer or failure into
// an UpstreamError (see upstream-errors.ts), remembers what it last saw for /api/ready,
// and after a 401 stops calling upstream for a while: every failed authentication
// spends the key's budget of 10 per 5 minutes. With replicas, the gate shares that
// cool-down (keyRejected, GateKeyRejected), so the key fails once, not once per replica.
import { AsyncLocalStorage } from 'node:async_hooks'
import * as z from 'zod/mini'
import { describeIssues } from '../../src/lib/contract.ts'
import { GateKeyRejected, GateWaitTooLong, interactiveMaxWaitMs } from './gate-wait.ts'
import type { Limiter, Priority } from './limiter.ts'
import { retryAfterSeconds, UpstreamError, upstreamErrors } from './errors.ts'
import { createProbeLine } from './probe-line.ts'
import { RequestFailure, sendJsonGet, type RawResponse } from './request.ts'
import { mayHoldLoneSurrogates, wellFormed } from './well-formed.ts'

/**
 * The shared limiter; acquire may reject with GateWaitTooLong when `maxWaitMs` is given,
 * and with GateKeyRejected while a 401 cool-down shared with other replicas holds.
 */
export type UpstreamGate = Pick<Limiter, 'acquire' | 'pause'> & {
  /** perform.chat rejected the key: nothing is sent until then (by any replica). */
  keyRejected?: (untilEpochMs: number) => void
  /** perform.chat answered with a success (the key is good). */
  keyAccepted?: () => void
}
export type UpstreamState = 'unknown' | 'ok' | 'unauthorized' | 'rate_limited' | 'unreachable'
export type UpstreamStatus = {
  state: UpstreamState
  at: number | null
  retryAfterUntil: number | null
}

export type UpstreamGetOptions<S extends z.ZodMiniType> = {
  query?: Record<string, string | number | undefined>
  body?: Record<string, unknown>
  schema: S
  priority?: Priority
  signal?: AbortSignal
}
export type UpstreamClient = {
  get<S extends z.ZodMiniType>(path: string, options: UpstreamGetOptions<S>): Promise<z.output<S>>
  status(): UpstreamStatus
}
export type UpstreamClientOptions = {
  baseUrl: string
  keyId: string
  keySecret: string
  timeoutMs: number
  gate?: UpstreamGate
  authCooldownMs?: number
  /** Interactive calls that would queue at the gate longer than this fail at once with a 429. */
  interactiveMaxWaitMs?: number
  now?: () => number
}

const calls = new AsyncLocalStorage<{ calls: number }>()

/** Runs `fn`, counting the upstream requests it causes into `counter.calls`. */
export function countUpstreamCalls<T>(counter: { calls: number }, fn: () => T): T {
  return calls.run(counter, fn)
}

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const now = options.now ?? Date.now
  const cooldownMs = options.authCooldownMs ?? 60_000
  const base = options.baseUrl.replace(/\/+$/, '')
  let status: UpstreamStatus = { state: 'unknown', at: null, retryAfterUntil: null }
  let unauthorizedUntil = 0

  const see = (state: UpstreamState, retryAfterUntil: number | null = null) =>
    (status = { state, at: now(), retryAfterUntil })
  // Whatever the upstream or the network says is scrubbed of the secret before it
  // can reach a response or a log line.
  const redact = (error: UpstreamError) => {
    const secret = options.keySecret
    if (secret.length < 4 || !error.message.includes(secret)) return error
    error.message = error.message.replaceAll(secret, '[redacted]')
    return error
  }

  // Until perform.chat has accepted the key, and again after a 401, one request at a
  // time: parallel requests with a wrong key would each spend one of the 10 failed
  // authentications. Only a success proves the key; a 429, a 5xx or a network failure
  // says nothing about it, so it does not put an accepted key back on probation either.
  let keyAccepted = false
  /** Read afresh after an await: another call may have proven the key meanwhile. */
  const accepted = () => keyAccepted
  const probes = createProbeLine()

  async function get<S extends z.ZodMiniType>(path: string, request: UpstreamGetOptions<S>) {
    if (now() < unauthorizedUntil) throw upstreamErrors.unauthorized(options.keyId)
    await acquire(request)
    // The line holds back requests in flight only: one still queued at the limiter (a
    // 429's pause, a full window) must not make interactive calls queue behind it.
    if (keyAccepted) return send(path, request)
    await probes.wait((request.priority ?? 'interactive') === 'interactive')
    let holding = true
    const endTurn = () => {
      if (holding) probes.pass(keyAccepted)
      holding = false
    }
    try {
      if (now() < unauthorizedUntil) throw upstreamErrors.unauthorized(options.keyId)
      // Accepted while this call waited: it goes without holding the line.
      if (accepted()) endTurn()
      return await send(path, request)
    } finally {
      endTurn()
    }
  }

  async function acquire(request: UpstreamGetOptions<z.ZodMiniType>) {
    const priority = request.priority ?? 'interactive'
    const maxWaitMs = options.interactiveMaxWaitMs ?? interactiveMaxWaitMs
    try {
      await options.gate?.acquire(
        priority,
        request.signal,
        priority === 'interactive' ? { maxWaitMs } : undefined,
      )
    } catch (error) {
      if (request.signal?.aborted) throw upstreamErrors.cancelled()
      if (error instanceof GateKeyRejected) {
        keyAccepted = false
        unauthorizedUntil = Math.max(unauthorizedUntil, error.untilMs)
        see('unauthorized')
        throw upstreamErrors.unauthorized(options.keyId)
      }
      if (error instanceof GateWaitTooLong) {
        throw upstreamErrors.rateLimited(Math.max(1, Math.ceil((error.untilMs - now()) / 1000)))
      }
      throw error
    }
  }

  async function send<S extends z.ZodMiniType>(path: string, request: UpstreamGetOptions<S>) {
    if (now() < unauthorizedUntil) throw upstreamErrors.unauthorized(options.keyId)
    const url = new URL(base + path)
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value))
    }
    const body = { ...request.body, keyId: options.keyId, keySecret: options.keySecret }
    const counter = calls.getStore()
    if (counter) counter.calls++
    let response: RawResponse
    try {
      response = await sendJsonGet(url, JSON.stringify(body), {
        timeoutMs: options.timeoutMs,
        signal: request.signal,
        pool: (request.priority ?? 'interactive') === 'interactive' ? 'interactive' : 'sync',
      })
    } catch (error) {
      throw redact(transportError(error))
    }
    try {
      return parse(response, request.schema)
    } catch (error) {
      throw error instanceof UpstreamError ? redact(error) : error
    }
  }

  function transportError(error: unknown): UpstreamError {
    if (!(error instanceof RequestFailure)) throw error
    if (error.kind === 'aborted') return upstreamErrors.cancelled()
    see('unreachable')
    if (error.kind === 'timeout') return upstreamErrors.timeout(options.timeoutMs)
    return upstreamErrors.unreachable(error.detail)
  }

  function parse<S extends z.ZodMiniType>(response: RawResponse, schema: S): z.output<S> {
    if (response.status === 401) {
      keyAccepted = false
      see('unauthorized')
      unauthorizedUntil = now() + cooldownMs
      options.gate?.keyRejected?.(unauthorizedUntil)
      throw upstreamErrors.unauthorized(options.keyId)
    }
    if (response.status >= 200 && response.status < 300) {
      keyAccepted = true
      options.gate?.keyAccepted?.()
    }
    if (response.status === 429) {
      const seconds = retryAfterSeconds(response.headers['retry-after'], now())
      const until = now() + seconds * 1000
      see('rate_limited', until)
      options.gate?.pause(until)
      throw upstreamErrors.rateLimited(seconds)
    }
    if (response.status < 200 || response.status >= 300) {
      see(response.status >= 400 && response.status < 500 ? 'ok' : 'unreachable')
      throw upstreamErrors.status(response.status, response.body)
    }
    see('ok')
    let json: unknown
    try {
      json = JSON.parse(response.body)
      if (mayHoldLoneSurrogates(response.body)) json = wellFormed(json)
    } catch {
      throw upstreamErrors.malformed(response.status)
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw upstreamErrors.invalid(response.status, describeIssues(parsed.error))
    return parsed.data
  }

  return { get, status: () => status }
}
