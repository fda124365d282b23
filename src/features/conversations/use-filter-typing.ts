import { useMemo } from 'react'
import { useDebounced } from '../../lib/use-debounced.ts'
import { FILTER_DEBOUNCE_MS, PREVIEW_PAUSE_MS } from './filter-timing.ts'

/**
 * A typed filter's two timers: its rows asked for at a short pause (`preview`), the text
 * applied once typing pauses longer (`apply`). Enter and Escape end both together, so no
 * preview is left behind a text that was applied or cleared.
 */
export function useFilterTyping() {
  const preview = useDebounced(PREVIEW_PAUSE_MS)
  const apply = useDebounced(FILTER_DEBOUNCE_MS)
  return useMemo(
    () => ({
      /** After a keystroke: `previewNow` at the short pause (if given), `applyNow` at the long one. */
      typed(previewNow: (() => void) | undefined, applyNow: () => void) {
        if (previewNow) preview.schedule(previewNow)
        apply.schedule(applyNow)
      },
      /** Applies what was typed now (Enter). */
      flush() {
        preview.cancel()
        apply.flush()
      },
      /** Neither happens (Escape, a pick from the suggestions). */
      cancel() {
        preview.cancel()
        apply.cancel()
      },
    }),
    [preview, apply],
  )
}
