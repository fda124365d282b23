// When a conversation's messages were sent: the agent answers within seconds to a couple
// of minutes, the customer within minutes, and now and then the customer comes back
// hours or days later. The list and the messages both derive the times from here, so a
// conversation's updated_at is exactly its last message's created_at.
import { createRandom, mixSeed, type Random } from './prng.ts'

const second = 1000
const minute = 60 * second
const hour = 60 * minute

export function timingRandom(seed: number, number: number): Random {
  return createRandom(mixSeed(seed + 7919, number))
}

/** gaps[i] is the time between message i and message i + 1; messages alternate, customer first. */
export function naturalGaps(random: Random, count: number): number[] {
  // In a long chat the customer stays at the keyboard.
  const engaged = count >= 30
  const gaps: number[] = []
  for (let i = 1; i < count; i++) {
    const u = random.next()
    if (i % 2 === 1) gaps.push(mostly(u, 0.85, 3, 40, 150))
    else
      gaps.push(engaged ? 10 * second + Math.floor(u * 90 * second) : mostly(u, 0.7, 15, 150, 540))
  }
  const comeback = comebackIndex(count)
  if (comeback > 0 && random.chance(0.08)) {
    const index = comeback - 1
    gaps[index] = (gaps[index] ?? 0) + random.int(1 * hour, 30 * hour)
  }
  return gaps
}

/**
 * From one draw u: with probability p a time between low and mid seconds, else between
 * mid and high (one draw, not two: the list draws this for every message it will have).
 */
function mostly(u: number, p: number, low: number, mid: number, high: number): number {
  const seconds = u < p ? low + (u / p) * (mid - low) : mid + ((u - p) / (1 - p)) * (high - mid)
  return Math.floor(seconds * second)
}

/**
 * The customer's message that may come late: their last one after the agent's first
 * answer. -1 when a conversation has none (fewer than 3 messages).
 */
export function comebackIndex(count: number): number {
  if (count < 3) return -1
  return (count - 1) % 2 === 0 ? count - 1 : count - 2
}

export function sum(gaps: readonly number[]): number {
  return gaps.reduce((total, gap) => total + gap, 0)
}

/**
 * The messages' times from start to exactly end. Time beyond the natural gaps goes to
 * the customer's comeback; too little time is taken from the comeback first (it is the
 * one long wait), then from every gap alike.
 */
export function placeTimes(gaps: readonly number[], start: number, end: number): number[] {
  const span = Math.max(0, end - start)
  const natural = sum(gaps)
  const comeback = comebackIndex(gaps.length + 1) - 1
  let fitted: number[]
  if (span >= natural && comeback >= 0)
    fitted = gaps.map((gap, i) => (i === comeback ? gap + span - natural : gap))
  else if (span >= natural) fitted = gaps.map((gap) => (gap * span) / natural)
  else {
    const wait = gaps[comeback] ?? 0
    const cut = comeback >= 0 ? Math.min(Math.max(0, wait - 5 * minute), natural - span) : 0
    fitted = gaps.map((gap, i) => ((i === comeback ? gap - cut : gap) * span) / (natural - cut))
  }
  const times = [start]
  let at = start
  for (const gap of fitted) {
    at += gap
    times.push(Math.round(at))
  }
  if (gaps.length > 0) times[times.length - 1] = start + span
  return times
}
