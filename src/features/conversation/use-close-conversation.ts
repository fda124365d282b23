import { useEffect } from 'react'
import * as z from 'zod/mini'
import { navigate } from '../../lib/router.ts'

// The list pushes `{ fromList: <its query string> }` when it opens a conversation.
const FromListSchema = z.object({ fromList: z.string() })

/** The list's query string when this view was opened from it, else undefined. */
function openedFromList(): string | undefined {
  const parsed = FromListSchema.safeParse(window.history.state)
  return parsed.success ? parsed.data.fromList : undefined
}

/**
 * Going back (rather than pushing the list again) keeps the history a reader expects:
 * Close and the browser's Back land on the same entry, filters and page intact.
 */
export function closeConversation() {
  const search = openedFromList()
  if (search === undefined) navigate('/')
  else window.history.back()
}

/** The href of a link back to the list, for the not-found state and middle-clicks. */
export function listHref(): string {
  return '/' + (openedFromList() ?? '')
}

export function useEscapeToClose() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return
      event.preventDefault()
      closeConversation()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])
}
