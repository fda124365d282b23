import { useSyncExternalStore } from 'react'

/**
 * Wide enough to read a conversation beside the table (issue 11). The same width is in
 * styles.css, which lays out the two columns.
 */
const READING_PANE_MEDIA = '(min-width: 1200px)'

// jsdom and very old browsers have no matchMedia: they get the full-page view.
const media = () =>
  typeof window.matchMedia === 'function' ? window.matchMedia(READING_PANE_MEDIA) : null

/** Whether a conversation opens beside the list (true) or instead of it, now. */
export const hasReadingPane = () => media()?.matches ?? false

function subscribe(onChange: () => void) {
  const list = media()
  list?.addEventListener('change', onChange)
  return () => list?.removeEventListener('change', onChange)
}

/** Whether a conversation opens beside the list; re-renders when the window crosses the width. */
export function useReadingPane(): boolean {
  return useSyncExternalStore(subscribe, hasReadingPane, () => false)
}
