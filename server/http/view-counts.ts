// How many conversations each saved view matches, recomputed when the mirror changes
// (its version moves, or the message sync makes more conversations searchable: a view
// with a message search counts differently then), not on every request. A request waits for stale counts only up to
// a short budget; the rest finish in the background and reach the page with its next
// read (the views list is read again when the mirror's version moves).
import { ViewQuerySchema } from '../../src/lib/contract.ts'
import type { Logger } from '../logger.ts'
import type { Store, StoredView } from '../store/store.ts'
import { filters } from './list-query.ts'

export type ViewCounts = {
  /** The last count computed for the view, or null before the first. */
  cached: (view: StoredView) => number | null
  /** Recounts the views whose count is older than the mirror, waiting at most `budgetMs`. */
  refresh: (views: readonly StoredView[]) => Promise<void>
}

type Entry = { version: string; count: number; query: string }

export function createViewCounts(deps: {
  store: Pick<Store, 'version' | 'messageCoverage' | 'countConversations'>
  logger: Logger
  budgetMs?: number
}): ViewCounts {
  const entries = new Map<string, Entry>()
  let running: Promise<void> | null = null

  const count = async (view: StoredView, mirror: number, searched: number) => {
    const query = JSON.stringify(view.query)
    const parsed = ViewQuerySchema.safeParse(view.query)
    if (!parsed.success) return
    // Only a view that searches messages counts differently as more become searchable.
    const version = parsed.data.text ? `${mirror}:${searched}` : String(mirror)
    const entry = entries.get(view.id)
    if (entry && entry.version === version && entry.query === query) return
    try {
      const total = await deps.store.countConversations(filters(parsed.data))
      entries.set(view.id, { version, count: total, query })
    } catch (error) {
      deps.logger.warn(`views: could not count "${view.name}": ${String(error)}`)
    }
  }

  const recount = async (views: readonly StoredView[]) => {
    const [mirror, messages] = await Promise.all([
      deps.store.version(),
      deps.store.messageCoverage(),
    ])
    for (const view of views) await count(view, mirror, messages.searched)
    const ids = new Set(views.map((view) => view.id))
    if (views.length > 1) for (const id of entries.keys()) if (!ids.has(id)) entries.delete(id)
  }

  return {
    cached: (view) => entries.get(view.id)?.count ?? null,
    async refresh(views) {
      // One recount at a time; a request arriving meanwhile shares it.
      running ??= recount(views).finally(() => (running = null))
      let timer: ReturnType<typeof setTimeout> | undefined
      const budget = new Promise<void>(
        (resolve) => (timer = setTimeout(resolve, deps.budgetMs ?? 300)),
      )
      await Promise.race([running, budget])
      clearTimeout(timer)
    },
  }
}
