import { useSyncExternalStore } from 'react'

// One timer for every relative time on the page, so 200 cells do not each run their own.
const TICK_MS = 30_000
const listeners = new Set<() => void>()
let now = Date.now()
let timer: ReturnType<typeof setInterval> | undefined

function tick() {
  now = Date.now()
  for (const listener of listeners) listener()
}

function onVisibility() {
  if (document.visibilityState === 'visible') tick()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  if (listeners.size === 1) {
    now = Date.now()
    timer = setInterval(tick, TICK_MS)
    document.addEventListener('visibilitychange', onVisibility)
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size > 0) return
    clearInterval(timer)
    document.removeEventListener('visibilitychange', onVisibility)
  }
}

const getNow = () => now

/** The current time in ms, re-rendering the caller every 30 s and when the tab comes back. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getNow, getNow)
}
