import { useSyncExternalStore } from 'react'

// A two-route app needs no router library: the History API plus one event.
const NAVIGATE = 'performchat:navigate'

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE, onChange)
  }
}

const snapshot = () => window.location.pathname + window.location.search

/** The current path plus query string; re-renders on navigation. */
export function useLocation(): URL {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot)
  return new URL(href, window.location.origin)
}

export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}) {
  if (options.replace) window.history.replaceState(options.state ?? null, '', to)
  else window.history.pushState(options.state ?? null, '', to)
  window.dispatchEvent(new Event(NAVIGATE))
}
