// Which replica runs the sync: the one holding a session advisory lock on its dedicated
// connection. Followers try for it every `retryMs`; the server frees it the moment the
// holder's connection ends (a process killed, a connection cut), so a dead leader is
// replaced within one interval of that. The leader checks on the same beat that its
// connection still holds the lock, and steps down at once when it does not or the
// connection is lost: it must stop syncing before another replica can start.
import type { Clock } from '../clock.ts'
import type { ClusterSession } from './cluster-session.ts'
import { lockKeys } from './cluster-schema.ts'

export type Leadership = {
  isLeader: () => boolean
  /** Starts trying for the lock (at once, then every interval). */
  campaign: () => void
  /** Gives the lock up and stops trying. */
  resign: () => Promise<void>
  /** The connection was lost: no lock any more. */
  lost: () => void
  /** Runs one beat now (a new connection should not wait an interval). */
  beat: () => void
  close: () => void
}

const holdsSql = `SELECT EXISTS (
  SELECT 1 FROM pg_locks
  WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
    AND classid = 0 AND objid = $1::bigint::oid AND objsubid = 1
) AS held`

export function createLeadership(deps: {
  session: ClusterSession
  clock: Clock
  retryMs: number
  onGain: () => void
  onLose: () => void
}): Leadership {
  const { session, clock } = deps
  const closing = new AbortController()
  let leader = false
  let campaigning = false
  // Read again after every await: resign() may run meanwhile.
  const wanted = () => campaigning
  let wake = new AbortController()

  const stepDown = () => {
    if (!leader) return
    leader = false
    deps.onLose()
  }

  async function beat() {
    if (!session.connected()) return
    const epoch = session.epoch()
    try {
      if (leader) {
        const [row] = await session.query<{ held: boolean }>(holdsSql, [lockKeys.leader])
        if (row?.held !== true && session.epoch() === epoch) stepDown()
      } else if (wanted()) {
        const [row] = await session.query<{ held: boolean }>(
          'SELECT pg_try_advisory_lock($1::bigint) AS held',
          [lockKeys.leader],
        )
        if (row?.held !== true) return
        // The connection that took it may have died, or the replica resigned, meanwhile.
        if (session.epoch() !== epoch || !session.connected()) return
        if (!wanted()) return void unlock()
        leader = true
        deps.onGain()
      } else {
        await session.query('SELECT 1')
      }
    } catch {
      // No answer within the query timeout, or a broken connection: start over on a new one.
      if (session.epoch() === epoch) session.drop()
    }
  }

  const unlock = () =>
    session
      .query('SELECT pg_advisory_unlock($1::bigint)', [lockKeys.leader])
      .then(() => undefined)
      .catch(() => session.drop())

  void (async () => {
    while (!closing.signal.aborted) {
      await beat()
      await clock.sleep(deps.retryMs, wake.signal).catch(() => undefined)
      wake = new AbortController()
    }
  })()

  return {
    isLeader: () => leader,
    campaign() {
      campaigning = true
      wake.abort()
    },
    async resign() {
      campaigning = false
      if (!leader) return
      stepDown()
      await unlock()
    },
    lost: stepDown,
    beat: () => wake.abort(),
    close() {
      campaigning = false
      closing.abort()
      wake.abort()
    },
  }
}
