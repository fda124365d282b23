// Who a request comes from, for per-client limits: the socket's peer address, or, only
// when the operator says how many proxies stand in front (TRUST_PROXY_HOPS), the address
// those proxies appended to X-Forwarded-For. Anyone can send that header, so without the
// opt-in it is ignored: trusting it would let a client pick a fresh identity per request.
import { isIP, isIPv4 } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    // No Node socket behind this request (app.request() in tests).
    return undefined
  }
}

export function clientAddress(c: Context, trustProxyHops: number): string | undefined {
  const peer = socketAddress(c)
  if (trustProxyHops === 0) return peer
  const forwarded = (c.req.header('X-Forwarded-For') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  // Each trusted proxy appends the address it saw; entries further left are the client's word.
  const candidate = forwarded[forwarded.length - trustProxyHops]
  return candidate !== undefined && isIP(candidate) !== 0 ? candidate : peer
}

/**
 * The key one client's requests are counted under. An IPv6 user usually holds a whole
 * /64, so counting single addresses would hand them billions of fresh budgets.
 */
export function clientKey(address: string | undefined): string {
  if (address === undefined) return 'unknown'
  const plain = address.replace(/%.*$/, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain)?.[1]
  if (mapped !== undefined) return mapped
  if (isIPv4(plain) || isIP(plain) === 0) return plain
  return `${ipv6Groups(plain).slice(0, 4).join(':')}::/64`
}

function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::')
  const split = (part: string) => (part === '' ? [] : part.split(':'))
  const left = split(head)
  const right = tail === undefined ? [] : split(tail)
  const fill = tail === undefined ? 0 : Math.max(0, 8 - left.length - right.length)
  return [...left, ...Array<string>(fill).fill('0'), ...right].map((group) =>
    /^[0-9a-f]{1,4}$/i.test(group) ? Number.parseInt(group, 16).toString(16) : group,
  )
}
