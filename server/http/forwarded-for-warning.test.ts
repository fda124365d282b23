import { Hono } from 'hono'
import { expect, test } from 'vitest'
import { createLogger } from '../logger.ts'
import { forwardedForMessage, forwardedForWarning } from './forwarded-for-warning.ts'

function app(trustProxyHops: number) {
  const clock = { now: 1_000_000 }
  const lines: string[] = []
  const logger = createLogger('debug', (line) => lines.push(line))
  const server = new Hono()
  server.use('*', forwardedForWarning({ trustProxyHops, logger, now: () => clock.now }))
  server.get('*', (c) => c.text('ok'))
  const request = (forwarded?: string) =>
    server.request('/', {
      headers: forwarded === undefined ? {} : { 'X-Forwarded-For': forwarded },
    })
  const warnings = () =>
    lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === forwardedForMessage)
  return { clock, request, warnings }
}

test('warns at the first request with X-Forwarded-For while TRUST_PROXY_HOPS is 0', async () => {
  const { request, warnings } = app(0)
  await request()
  expect(warnings()).toEqual([])
  const answer = await request('198.51.100.7')
  expect(answer.status).toBe(200)
  expect(warnings()).toEqual([expect.objectContaining({ level: 'warn', requests_with_header: 1 })])
  expect(String(warnings()[0]?.msg)).toContain('TRUST_PROXY_HOPS')
})

test('warns at most once a minute while such requests keep coming, counting them', async () => {
  const { request, warnings, clock } = app(0)
  for (let i = 0; i < 10; i++) {
    await request(`198.51.100.${i}`)
    clock.now += 5_000
  }
  expect(warnings()).toHaveLength(1)
  clock.now += 10_000 // a minute after the first warning
  await request('198.51.100.99')
  expect(warnings()).toHaveLength(2)
  expect(warnings()[1]).toMatchObject({ requests_with_header: 10 })
  await request('198.51.100.100')
  expect(warnings()).toHaveLength(2)
})

test('never logs the header, which anyone can fill', async () => {
  const { request, warnings } = app(0)
  await request('198.51.100.7, 203.0.113.250')
  expect(warnings()).toHaveLength(1)
  expect(JSON.stringify(warnings())).not.toMatch(/198\.51|203\.0/)
})

test('stays quiet when TRUST_PROXY_HOPS is set', async () => {
  const { request, warnings } = app(1)
  await request('198.51.100.7')
  expect(warnings()).toEqual([])
})
