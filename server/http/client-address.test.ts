import { Hono } from 'hono'
import { expect, test } from 'vitest'
import { clientAddress, clientKey } from './client-address.ts'

test.each([
  ['203.0.113.7', '203.0.113.7'],
  ['::ffff:203.0.113.7', '203.0.113.7'],
  ['2001:db8:aa:bb:1:2:3:4', '2001:db8:aa:bb::/64'],
  ['2001:db8:aa:bb::9', '2001:db8:aa:bb::/64'],
  ['2001:db8::1', '2001:db8:0:0::/64'],
  ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ['::1', '0:0:0:0::/64'],
  [undefined, 'unknown'],
])('%s is counted as %s', (address, key) => {
  expect(clientKey(address)).toBe(key)
})

function seen(hops: number, socket: string, forwarded?: string) {
  const app = new Hono()
  app.get('/', (c) => c.text(clientAddress(c, hops) ?? 'none'))
  const headers: Record<string, string> = forwarded ? { 'X-Forwarded-For': forwarded } : {}
  const env = { incoming: { socket: { remoteAddress: socket } } }
  return Promise.resolve(app.request('/', { headers }, env)).then((r) => r.text())
}

test('X-Forwarded-For is ignored unless TRUST_PROXY_HOPS says proxies add it', async () => {
  expect(await seen(0, '10.0.0.2', '203.0.113.7')).toBe('10.0.0.2')
})

test('with trusted hops, the address the nearest trusted proxy saw is used', async () => {
  expect(await seen(1, '127.0.0.1', 'spoofed, 203.0.113.7')).toBe('203.0.113.7')
  expect(await seen(2, '127.0.0.1', 'spoofed, 203.0.113.7, 10.0.0.5')).toBe('203.0.113.7')
  expect(await seen(2, '127.0.0.1', '203.0.113.7')).toBe('127.0.0.1')
  expect(await seen(1, '127.0.0.1', 'not-an-ip')).toBe('127.0.0.1')
  expect(await seen(1, '127.0.0.1')).toBe('127.0.0.1')
})
