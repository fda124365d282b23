import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { isEditable } from '../../lib/editable.ts'
import { stepConversation, type Step } from './reading-order.ts'

export const STEP_KEYS: Record<string, Step> = { j: 1, k: -1 }

/**
 * `j` and `k` anywhere on the list's screen but in a field being typed in: open the next
 * and the previous conversation. A table row handles them first, from itself.
 */
export function useReadingKeys() {
  const client = useQueryClient()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const step = STEP_KEYS[event.key]
      if (step === undefined || event.defaultPrevented || event.isComposing) return
      if (event.metaKey || event.ctrlKey || event.altKey || isEditable(event.target)) return
      event.preventDefault()
      stepConversation(client, null, step)
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [client])
}
