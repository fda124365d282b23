import type { QueryClient } from '@tanstack/react-query'
import { conversationQueries } from '../../lib/queries/conversation-queries.ts'
import { currentLocation } from '../../lib/router.ts'
import { conversationIdFromPath } from '../conversation/conversation-route.ts'
import { openConversation } from './list-navigation.ts'
import { apiView, parseListState, type ListState } from './list-url-state.ts'

export type Step = 1 | -1

type Neighbour = { id: string; page: number }

/**
 * The conversation `step` rows after (1) or before (-1) `fromId` in the list's view, going
 * on to the next or previous page at a page's edge; null when there is none. Without a
 * row to start from (`fromId` null or not on the page), the next one is the page's first.
 * The next page is usually in the cache already: the list asks for it ahead.
 */
export async function neighbourOf(
  client: QueryClient,
  state: ListState,
  fromId: string | null,
  step: Step,
): Promise<Neighbour | null> {
  const view = apiView(state)
  // What the table shows, when the cache has it, however old: the order the reader sees.
  const pageOf = (page: number) =>
    client.query({ ...conversationQueries.list({ ...view, page }), staleTime: 'static' })
  const current = await pageOf(state.page)
  const rows = current.data
  const index = fromId === null ? -1 : rows.findIndex((row) => row.id === fromId)
  if (index === -1) {
    const first = step === 1 ? rows[0] : undefined
    return first ? { id: first.id, page: state.page } : null
  }
  const next = rows[index + step]
  if (next) return { id: next.id, page: state.page }

  const page = state.page + step
  const lastPage = current.pagination.total_pages
  if (page < 1 || (lastPage !== null && page > lastPage)) return null
  const other = (await pageOf(page)).data
  const edge = step === 1 ? other[0] : other.at(-1)
  return edge ? { id: edge.id, page } : null
}

// Key presses queue up: each reads the URL the one before it left.
let queue = Promise.resolve()

/**
 * Opens the conversation after or before the one open (or `fromId`, the row a reader is
 * on), in the list's order as the URL has it now.
 */
export function stepConversation(client: QueryClient, fromId: string | null, step: Step) {
  queue = queue.then(async () => {
    const location = currentLocation()
    const from = fromId ?? conversationIdFromPath(location.pathname)
    const state = parseListState(location.search)
    const target = await neighbourOf(client, state, from, step).catch(() => null)
    if (target) openConversation(target.id, { page: target.page })
  })
  // A failure (nothing to open) must not stop the presses that follow.
  queue = queue.catch(() => undefined)
}
