import { currentLocation, currentState, navigate } from '../../lib/router.ts'
import { conversationIdFromPath, conversationPath } from '../conversation/conversation-route.ts'
import { listSearch, parseListState, type ListState } from './list-url-state.ts'

const RESETS_PAGE = ['customer', 'q', 'text', 'from', 'to', 'sort', 'limit'] as const

/**
 * Applies a change to the list's URL. Reads the current URL at call time, so a debounced
 * call never writes back a stale view. Changing a filter, the sort or the page size goes
 * back to page 1. Typing replaces the history entry; deliberate moves push one. With a
 * conversation open beside the list, it stays open, and Close still knows where it came from.
 */
export function changeList(
  change: Partial<ListState>,
  mode: 'push' | 'replace',
  /** Told the view first, so its request can leave before React renders the change. */
  prefetch?: (next: ListState) => void,
) {
  const search = nextListSearch(change)
  const { pathname, search: shown } = currentLocation()
  if (search === shown) return
  prefetch?.(parseListState(search))
  navigate(pathname + search, { replace: mode === 'replace', state: currentState() })
}

/**
 * Tells `prefetch` the view a change would show, without applying it: while a filter is
 * typed, its rows are asked for before the debounce applies it.
 */
export function previewList(change: Partial<ListState>, prefetch: (next: ListState) => void) {
  const search = nextListSearch(change)
  if (search !== currentLocation().search) prefetch(parseListState(search))
}

/** The list's query string once `change` is applied to the URL as it is now. */
function nextListSearch(change: Partial<ListState>): string {
  const current = parseListState(currentLocation().search)
  const resets = RESETS_PAGE.some((key) => key in change)
  return listSearch({ ...current, ...(resets ? { page: 1 } : {}), ...change })
}

// Which row to focus when the reader comes back from a conversation: the full-page view
// unmounts the list, so a module variable outlives it.
let returnTo: string | null = null

/**
 * Opens a conversation with the list's view in its URL (`page` may move on, from j/k at a
 * page's edge). From the list it pushes an entry that remembers the list's query, so Close
 * and Back return to it; from a conversation already open beside the list it replaces
 * that one, so Back does not walk through every conversation read.
 */
export function openConversation(id: string, view: Partial<ListState> = {}) {
  const location = currentLocation()
  const current = parseListState(location.search)
  const path = conversationPath(id, listSearch({ ...current, ...view }))
  returnTo = id
  if (conversationIdFromPath(location.pathname) === null) {
    navigate(path, { state: { fromList: listSearch(current) } })
  } else {
    navigate(path, { replace: true, state: currentState() })
  }
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
