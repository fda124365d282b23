// GET /api/ready: what the server last saw, without calling perform.chat (a probe must
// never spend the key's budget). 503 (same body) while this replica cannot serve the
// list: the mirror never held a complete list, or perform.chat rejects the key.
import type { Context } from 'hono'
import type { Clock } from '../clock.ts'
import type { UpstreamClient } from '../upstream/client.ts'
import type { StatusSource } from './push.ts'

export function readyRoute(deps: {
  upstream: Pick<UpstreamClient, 'status'>
  sync: Pick<StatusSource, 'status'>
  clock: Clock
  leader: () => boolean
}) {
  return (c: Context) => {
    const seen = deps.upstream.status()
    const sync = deps.sync.status()
    // The clock the upstream client stamped `seen` with, not Date.now().
    const now = deps.clock.now()
    const asOf = sync.as_of === null ? null : Date.parse(sync.as_of)
    const reasons = [
      ...(sync.complete ? [] : ['the mirror has not held a complete list yet']),
      ...(seen.state === 'unauthorized' ? ['perform.chat rejects the API key'] : []),
    ]
    const body = {
      status: reasons.length === 0 ? 'ready' : 'not_ready',
      reasons,
      leader: deps.leader(),
      upstream: seen.state,
      upstream_seen_at: seen.at === null ? null : new Date(seen.at).toISOString(),
      retry_after_seconds:
        seen.retryAfterUntil === null
          ? null
          : Math.max(0, Math.ceil((seen.retryAfterUntil - now) / 1000)),
      mirror_complete: sync.complete,
      mirror_conversations: sync.loaded,
      mirror_age_seconds: asOf === null ? null : Math.max(0, Math.round((now - asOf) / 1000)),
      sync_error: sync.error,
    }
    return c.json(body, reasons.length === 0 ? 200 : 503)
  }
}
