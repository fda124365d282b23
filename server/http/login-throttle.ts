// How long to hold the answer to a wrong password. Each wrong password adds one to a
// score kept per client address and one kept per user name tried; a score halves every
// ten minutes. The first few cost nothing (people mistype), then each answer is held for
// a delay that doubles with the score, up to 30 s. The larger of the two delays applies,
// so rotating addresses does not escape the user name's score, nor rotating user names
// the address's. Only wrong passwords are counted or held: the right one always passes
// at once (see basic-auth.ts), so a guesser can slow nobody but itself.
//
// Memory is bounded: each table holds at most `maxKeys` scores. A newcomer may take the
// place of a score only once it has decayed below one (less than one fresh failure's
// worth). The oldest few are looked at in turn, CLOCK-style: one that still weighs
// something goes to the back and stays. When none may go, the newcomer is counted in a
// single shared overflow score instead. So a flood of fresh addresses or user names can
// push out no standing score (its sender's own included), and the flood itself piles
// onto the overflow score, which is delayed as quickly as any other.

type Score = { value: number; at: number }

/** Wrong passwords that are answered at once (a score up to this). */
export const freeFailures = 5
export const maxDelayMs = 30_000
export const halfLifeMs = 10 * 60_000
/** Scores looked at for a place to take before a newcomer goes to the overflow score. */
const maxLooks = 8

/** 1 s one past the free failures, doubling with each one more, capped. */
export function delayForScore(score: number): number {
  if (score <= freeFailures) return 0
  return Math.min(maxDelayMs, Math.round(1_000 * 2 ** (score - freeFailures - 1)))
}

function createScoreTable(maxKeys: number) {
  const scores = new Map<string, Score>()
  const overflow: Score = { value: 0, at: 0 }
  const decayed = (score: Score, now: number) =>
    score.value * 0.5 ** ((now - score.at) / halfLifeMs)
  const add = (score: Score, now: number) => {
    score.value = decayed(score, now) + 1
    score.at = now
    return score.value
  }
  const makeRoom = (now: number) => {
    for (let look = 0; look < maxLooks && scores.size >= maxKeys; look++) {
      const oldest = scores.entries().next()
      if (oldest.done === true) return
      const [key, score] = oldest.value
      scores.delete(key)
      if (decayed(score, now) >= 1) scores.set(key, score)
    }
  }
  return {
    /** Counts one failure for `key` and returns its score now. */
    fail(key: string, now: number): number {
      const found = scores.get(key)
      if (found) return add(found, now)
      if (scores.size >= maxKeys) makeRoom(now)
      if (scores.size >= maxKeys) return add(overflow, now)
      const score = { value: 0, at: now }
      scores.set(key, score)
      return add(score, now)
    },
    size: () => scores.size,
  }
}

export type LoginThrottle = {
  /** Counts one wrong password and returns the ms to hold its answer. */
  fail: (address: string, user: string | undefined) => number
  size: () => { addresses: number; users: number }
}

export function createLoginThrottle(options: {
  now: () => number
  maxKeys?: number
}): LoginThrottle {
  const addresses = createScoreTable(options.maxKeys ?? 10_000)
  const users = createScoreTable(options.maxKeys ?? 10_000)
  return {
    fail(address, user) {
      const now = options.now()
      const byAddress = addresses.fail(address, now)
      const byUser = user === undefined ? 0 : users.fail(user, now)
      return delayForScore(Math.max(byAddress, byUser))
    },
    size: () => ({ addresses: addresses.size(), users: users.size() }),
  }
}
