import { useSyncExternalStore } from 'react'

// A two-route app needs no router library: the History API plus one event.
const NAVIGATE = 'performchat:navigate'

/**
 * A replaced entry not written to the History API yet: the screen shows it first. In
 * Chromium `history.replaceState` waits on the browser process, 1 ms when it is busy and
 * 3–25 ms after it has been idle a moment (measured on our 2-core machine), which a typed
 * filter used to spend before its rows were drawn.
 */
let unwritten: { to: string; state: unknown } | null = null

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE, onChange)
  }
}

/** The current path plus query string, as the screen shows it. */
const snapshot = () => unwritten?.to ?? window.location.pathname + window.location.search

/** The current path plus query string; re-renders on navigation. */
export function useLocation(): URL {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot)
  return new URL(href, window.location.origin)
}

/** The location the screen shows (the History API may be a frame behind). */
export function currentLocation(): URL {
  return new URL(snapshot(), window.location.origin)
}

/** The current entry's state, including one not written yet. */
export function currentState(): unknown {
  return unwritten ? unwritten.state : window.history.state
}

/**
 * Goes to `to`. A new entry is pushed at once; a replaced one is shown at once and written
 * to the History API when the browser is next idle (within 100 ms), after the frame that
 * shows it.
 */
export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}) {
  const state = options.state ?? null
  if (options.replace) {
    if (unwritten === null) whenIdle(writeHistory)
    unwritten = { to, state }
  } else {
    writeHistory()
    window.history.pushState(state, '', to)
  }
  window.dispatchEvent(new Event(NAVIGATE))
}

/** After the frames in progress: when the browser is idle (within 100 ms), or in 50 ms. */
const whenIdle = (run: () => void) =>
  typeof requestIdleCallback === 'function'
    ? requestIdleCallback(run, { timeout: 100 })
    : setTimeout(run, 50)

/** Writes the replaced entry the screen shows, if it is not written yet. */
export function writeHistory() {
  if (unwritten === null) return
  const { to, state } = unwritten
  unwritten = null
  window.history.replaceState(state, '', to)
}

// Leaving the page writes it first, so Back and a restored tab come back to what was on
// screen. Back or Forward within that moment leaves the entry as it was: the unwritten
// change belonged to the entry left. A reload within it reloads the URL written last.
window.addEventListener('pagehide', writeHistory)
window.addEventListener('popstate', () => (unwritten = null))
