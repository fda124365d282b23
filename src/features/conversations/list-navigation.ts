import { navigate } from '../../lib/router.ts'
import { listSearch, parseListState, type ListState } from './list-url-state.ts'

const RESETS_PAGE = ['customer', 'q', 'sort', 'limit'] as const

/**
 * Applies a change to the list's URL. Reads the current URL at call time, so a debounced
 * call never writes back a stale view. Changing a filter, the sort or the page size goes
 * back to page 1. Typing replaces the history entry; deliberate moves push one.
 */
export function changeList(change: Partial<ListState>, mode: 'push' | 'replace') {
  const current = parseListState(window.location.search)
  const resets = RESETS_PAGE.some((key) => key in change)
  const next: ListState = { ...current, ...(resets ? { page: 1 } : {}), ...change }
  const search = listSearch(next)
  if (search === window.location.search) return
  navigate(window.location.pathname + search, { replace: mode === 'replace' })
}

// Which row to focus when the reader comes back from a conversation: the list unmounts
// while the conversation shows, so a module variable outlives it.
let returnTo: string | null = null

export function openConversation(id: string, path: string) {
  returnTo = id
  navigate(path, { state: { fromList: window.location.search } })
}

/**
 * The id of the row last opened if it is among `ids` (the rows now shown), once. The
 * first non-empty page decides: a row that is not on it is not waited for.
 */
export function takeReturnFocus(ids: readonly string[]): string | null {
  if (returnTo === null || ids.length === 0) return null
  const id = ids.includes(returnTo) ? returnTo : null
  returnTo = null
  return id
}
