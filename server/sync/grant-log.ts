// The limiter's grants of the last minute, kept in the mirror's state so a restarted
// process knows what it may still spend: a crash loop cannot earn a 429. The limiter
// (upstream/, which knows nothing of the store) seeds its window from `load` when it is
// created, which is why this is read before, and saves through `save` at most a second
// behind. The few grants of that last second are what a kill -9 can lose; our budget
// (UPSTREAM_RATE_PER_MINUTE, 900) leaves perform.chat's 1000 room for them.
import * as z from 'zod/mini'
import type { Logger } from '../logger.ts'
import type { GrantLog } from '../upstream/grant-window.ts'
import type { SyncStore } from './sync-store.ts'

export type StoredGrantLog = GrantLog & {
  /** Resolves once every save so far is written (call the limiter's flush first). */
  flush: () => Promise<void>
}

const key = 'limiter.grants'
/** More than a minute of the largest budget the configuration allows (1000). */
const maxKept = 5000
const GrantsSchema = z.array(z.number())

export async function loadGrantLog(
  store: Pick<SyncStore, 'getState' | 'setState'>,
  logger?: Logger,
): Promise<StoredGrantLog> {
  const parsed = GrantsSchema.safeParse(await store.getState(key))
  let times: readonly number[] = parsed.success ? parsed.data.slice(-maxKept) : []
  let writing = Promise.resolve()
  let warned = false
  return {
    load: () => times,
    save(next) {
      times = next.slice(-maxKept)
      const snapshot = times
      writing = writing
        .then(() => store.setState(key, snapshot))
        .catch((error: unknown) => {
          if (warned) return
          warned = true
          const reason = error instanceof Error ? error.message : String(error)
          logger?.warn(`limiter: could not save the upstream grants of the last minute: ${reason}`)
        })
    },
    flush: () => writing,
  }
}
