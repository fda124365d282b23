import { useEffect } from 'react'
import * as z from 'zod/mini'
import { currentLocation, currentState, navigate } from '../../lib/router.ts'
import { isEditable } from '../../lib/editable.ts'

// The list pushes `{ fromList: <its query string> }` when it opens a conversation.
const FromListSchema = z.object({ fromList: z.string() })

/** The list's query string when this view was opened from it, else undefined. */
function openedFromList(): string | undefined {
  const parsed = FromListSchema.safeParse(currentState())
  return parsed.success ? parsed.data.fromList : undefined
}

/**
 * Back to the list with the query string the conversation's URL carries. Going back
 * (rather than pushing the list again) keeps the history a reader expects: Close and the
 * browser's Back land on the same entry, filters and page intact. When the list's view
 * moved while the conversation was open (j at a page's edge), the list entry behind is
 * another view: this entry becomes the list as it is now instead.
 */
export function closeConversation() {
  const from = openedFromList()
  const search = currentLocation().search
  if (from === search) window.history.back()
  else navigate('/' + search, { replace: from !== undefined })
}

/** The href of a link back to the list, for the not-found state and middle-clicks. */
export function listHref(): string {
  return '/' + currentLocation().search
}

/** Escape closes, unless it is meant for a field being typed in. */
export function useEscapeToClose() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return
      if (isEditable(event.target)) return
      event.preventDefault()
      closeConversation()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])
}
