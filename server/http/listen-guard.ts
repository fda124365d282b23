// Listening beyond this machine without a password would hand every conversation to
// whoever can reach the port. The server refuses unless basic auth is set, or an operator
// says on purpose (ALLOW_UNAUTHENTICATED=1) that something in front controls access.
import { BlockList, isIP } from 'node:net'
import type { Config } from '../config.ts'

const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
  if (bare === 'localhost') return true
  const family = isIP(bare)
  // IPv4-mapped addresses (::ffff:127.0.0.1) match the IPv4 subnet through 'ipv6'.
  return family !== 0 && loopback.check(bare, family === 4 ? 'ipv4' : 'ipv6')
}

export type ListenCheck = { refuse: string } | { warn: string } | { ok: true }

export function checkListenAddress(
  config: Pick<Config, 'host' | 'basicAuth' | 'allowUnauthenticated'>,
): ListenCheck {
  if (config.basicAuth !== null || isLoopbackHost(config.host)) return { ok: true }
  if (config.allowUnauthenticated) {
    return {
      warn:
        `Listening on HOST=${config.host} without a password because ALLOW_UNAUTHENTICATED=1: ` +
        'whoever reaches this address can read every conversation.',
    }
  }
  return {
    refuse:
      `Refusing to listen on HOST=${config.host} without a password: anyone who can reach ` +
      'it could read every conversation. Set DASHBOARD_USER and DASHBOARD_PASSWORD, or keep ' +
      'HOST on a loopback address (127.0.0.1, ::1, localhost) behind a proxy that signs ' +
      'users in, or set ALLOW_UNAUTHENTICATED=1 if something in front already controls access.',
  }
}
