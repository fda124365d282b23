import type { MouseEvent } from 'react'

/** A plain left click: the app handles it; modified clicks open tabs and windows as usual. */
export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey
}
