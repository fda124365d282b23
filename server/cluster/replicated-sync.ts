// The sync as one replica among several serves it. Every replica answers status() and
// onStatus() for its push hub and /api/ready; only the leader runs a sync. Each term of
// leadership gets a sync of its own (a stopped one cannot start again), which resumes
// from the store, where every earlier term's progress is; the leader publishes what it
// reports. A follower reports what the leader last published, and keeps that status
// while no leader is alive.
import type { SyncStatus } from '../../src/lib/contract.ts'
import type { Logger } from '../logger.ts'
import type { StatusListener } from '../sync/sync-status.ts'
import type { Sync } from '../sync/sync.ts'
import type { UpstreamClient } from '../upstream/client.ts'
import type { News } from './cluster-news.ts'

export type Campaign = {
  isLeader: () => boolean
  campaign: () => void
  resign: () => Promise<void>
}

export type ReplicatedSync = Sync & {
  /** This replica now leads: start a term. */
  gained: () => void
  /** This replica no longer leads: stop its sync at once. */
  lost: () => void
  /** What the leader published. */
  heard: (news: News) => void
}

export async function createReplicatedSync(deps: {
  create: () => Promise<Sync>
  upstream: Pick<UpstreamClient, 'status'>
  campaign: Campaign
  publish: (news: News) => void
  logger: Logger
  /** The leader's status read at start, if one was ever published. */
  stored?: News
}): Promise<ReplicatedSync> {
  const { campaign, logger } = deps
  const listeners = new Set<StatusListener>()
  // Created now: its status is the mirror's as the store has it, for a replica that
  // starts before any leader published one; its term may come first too, unless news from
  // a leader makes it stale.
  let spare: Sync | null = await deps.create()
  let status: SyncStatus = deps.stored?.status ?? spare.status()
  let term: { sync: Sync; unsubscribe: () => void } | null = null
  let turns: Promise<void> = Promise.resolve()
  let stopping = false
  // Read again after every await: leadership may end meanwhile.
  const leading = () => term === null && !stopping && campaign.isLeader()

  const show = (next: SyncStatus) => {
    status = next
    for (const listener of listeners) listener(next)
  }
  const report = (next: SyncStatus) => {
    show(next)
    deps.publish({ status: next, upstream: deps.upstream.status() })
  }

  async function startTerm() {
    if (!leading()) return
    const sync = spare ?? (await deps.create())
    spare = null
    if (!leading()) {
      spare = sync
      return
    }
    term = { sync, unsubscribe: sync.onStatus(report) }
    logger.info('cluster: this replica leads; the sync starts')
    report(sync.status())
    sync.start()
  }

  const failed = (error: unknown) =>
    logger.error(
      `cluster: a sync term failed: ${error instanceof Error ? error.message : String(error)}`,
    )

  /** Stops the term's sync at once; what it resolves on (pages in flight written) can wait. */
  const endTerm = () => {
    const ending = term
    term = null
    if (!ending) return
    ending.unsubscribe()
    const stopped = ending.sync.stop()
    turns = turns.then(() => stopped).catch(failed)
  }

  return {
    start: () => campaign.campaign(),
    async stop() {
      stopping = true
      if (term) logger.info('cluster: this replica stops leading; another one takes over')
      // The lock is held until the pages in flight are written: the next leader resumes
      // from all of them.
      endTerm()
      await turns
      await campaign.resign()
    },
    status: () => status,
    onStatus(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    gained() {
      turns = turns.then(startTerm).catch(failed)
    },
    lost() {
      if (!term) return
      logger.warn('cluster: this replica no longer leads; its sync stops')
      endTerm()
    },
    heard(news) {
      if (term) return
      show(news.status)
      // The spare read the store before this news: a term it started would resume from
      // that older memory (a list then incomplete, an older version). The next term
      // reads the store afresh.
      const stale = spare
      spare = null
      if (stale) turns = turns.then(() => stale.stop()).catch(failed)
    },
  }
}
