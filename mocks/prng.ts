// A seeded PRNG (mulberry32) so every run of the mock tells the same story. A class, not
// closures: the mock makes a few of these per conversation, 100,000 conversations at once.
export type Random = {
  next: () => number
  int: (min: number, max: number) => number
  pick: <T>(items: readonly T[]) => T
  chance: (probability: number) => boolean
}

class Mulberry32 implements Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)]
    if (item === undefined) throw new Error('pick() from an empty list')
    return item
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }
}

export function createRandom(seed: number): Random {
  return new Mulberry32(seed)
}

/** Mixes two numbers into one seed, so each conversation's messages have their own stream. */
export function mixSeed(a: number, b: number): number {
  return Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x27d4eb2f, 0xc2b2ae35)
}
