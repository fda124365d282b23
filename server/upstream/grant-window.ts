// The limiter's memory: when each grant of the last 60 s was given, ascending, and, with a
// grant log, the same times saved (at most `grantLogDelayMs` late) so that a restarted
// process still knows what it spent.
import type { Clock } from '../clock.ts'

export const WINDOW_MS = 60_000

/** How far the saved grant log may lag behind the real one. */
export const grantLogDelayMs = 1000

/** Where the grants of the last 60 s outlive the process (upstream/ cannot know the store). */
export type GrantLog = {
  /** Epoch ms of earlier grants; the ones older than the window are ignored. */
  load: () => readonly number[]
  save: (times: readonly number[]) => void
}

export type GrantWindow = {
  add: (at: number) => void
  /** Grants in the window at `now`. */
  size: (now: number) => number
  /** When the window will hold fewer than `limit` grants (`now` if it already does). */
  freeAt: (limit: number, now: number) => number
  /** Saves the window to the grant log now; a no-op without one. */
  flush: () => void
}

export function createGrantWindow(clock: Clock, grantLog?: GrantLog): GrantWindow {
  // `head` skips the grants that left the window without shifting the array.
  let grants: number[] = seed(grantLog, clock.now())
  let head = 0
  let saveTimer: AbortController | undefined

  const prune = (now: number) => {
    while (head < grants.length && (grants[head] ?? 0) <= now - WINDOW_MS) head++
    if (head > 1024 && head * 2 > grants.length) {
      grants = grants.slice(head)
      head = 0
    }
  }
  const size = (now: number) => {
    prune(now)
    return grants.length - head
  }
  const save = () => {
    saveTimer?.abort()
    saveTimer = undefined
    prune(clock.now())
    grantLog?.save(grants.slice(head))
  }
  const saveSoon = () => {
    if (!grantLog || saveTimer) return
    const timer = new AbortController()
    saveTimer = timer
    clock.sleep(grantLogDelayMs, timer.signal).then(save, () => undefined)
  }

  return {
    add(at) {
      grants.push(at)
      saveSoon()
    },
    size,
    freeAt(limit, now) {
      const excess = size(now) - limit
      return excess < 0 ? now : (grants[head + excess] ?? now) + WINDOW_MS
    },
    flush: () => {
      if (grantLog) save()
    },
  }
}

/** The logged grants still inside the window, ascending; a clock that went back counts them now. */
function seed(grantLog: GrantLog | undefined, now: number): number[] {
  if (!grantLog) return []
  return grantLog
    .load()
    .filter((at) => Number.isFinite(at) && at > now - WINDOW_MS)
    .map((at) => Math.min(at, now))
    .sort((a, b) => a - b)
}
