import { expect, test } from 'vitest'
import { checkListenAddress, isLoopbackHost } from './listen-guard.ts'

test.each([
  '127.0.0.1',
  '127.8.9.10',
  '::1',
  '[::1]',
  '0:0:0:0:0:0:0:1',
  'localhost',
  'LOCALHOST',
  '::ffff:127.0.0.1',
])('%s is loopback', (host) => expect(isLoopbackHost(host)).toBe(true))

test.each([
  '0.0.0.0',
  '::',
  '10.0.0.5',
  '192.168.1.2',
  '128.0.0.1',
  'example.com',
  'localhost.example.com',
  '::ffff:10.0.0.1',
])('%s is not loopback', (host) => expect(isLoopbackHost(host)).toBe(false))

const auth = { user: 'u', password: 'p' }

test('a non-loopback HOST needs basic auth or ALLOW_UNAUTHENTICATED=1', () => {
  const refused = checkListenAddress({
    host: '0.0.0.0',
    basicAuth: null,
    allowUnauthenticated: false,
  })
  expect(refused).toEqual({ refuse: expect.stringContaining('HOST=0.0.0.0') as unknown })
  const message = 'refuse' in refused ? refused.refuse : ''
  for (const name of ['DASHBOARD_USER', 'DASHBOARD_PASSWORD', 'ALLOW_UNAUTHENTICATED=1']) {
    expect(message).toContain(name)
  }
  expect(
    checkListenAddress({ host: '0.0.0.0', basicAuth: auth, allowUnauthenticated: false }),
  ).toEqual({ ok: true })
  expect(
    checkListenAddress({ host: '127.0.0.1', basicAuth: null, allowUnauthenticated: false }),
  ).toEqual({ ok: true })
  expect(
    checkListenAddress({ host: '0.0.0.0', basicAuth: null, allowUnauthenticated: true }),
  ).toEqual({
    warn: expect.stringContaining('ALLOW_UNAUTHENTICATED=1') as unknown,
  })
})
