// Intl.Collator.compare costs about a third of a microsecond, so sorting 100,000 titles
// with it takes half a second. Most comparisons are decided by the first differing
// printable ASCII character, whose order the collator itself can tell us once: this
// comparator answers those directly and asks the collator about everything else, so its
// answer is always the collator's.

const FIRST = 0x20
const LAST = 0x7e

/**
 * Each printable ASCII character's primary weight (its rank ignoring case), learned from
 * `collator`; 0 for a character that must go to the collator. Null when this locale has
 * contractions among ASCII letters (Czech "ch", Danish "aa"), which a per-character rank
 * cannot express.
 */
function asciiWeights(collator: Intl.Collator): Uint8Array | null {
  const options = collator.resolvedOptions()
  const primary = new Intl.Collator(options.locale, {
    sensitivity: 'base',
    ignorePunctuation: options.ignorePunctuation,
  })
  const chars = Array.from({ length: LAST - FIRST + 1 }, (_, i) => String.fromCharCode(FIRST + i))
  const weights = new Uint8Array(LAST + 1)
  let weight = 0
  let previous = ''
  for (const char of chars.sort(collator.compare)) {
    // An ignorable character (punctuation, where the locale ignores it) has no weight to rank.
    if (primary.compare(`a${char}`, 'a') === 0) continue
    if (previous === '' || primary.compare(previous, char) !== 0) weight++
    weights[char.charCodeAt(0)] = weight
    previous = char
  }
  return agreesOnLetterPairs(collator, weights) ? weights : null
}

function agreesOnLetterPairs(collator: Intl.Collator, weights: Uint8Array): boolean {
  const letters = Array.from({ length: 26 }, (_, i) => String.fromCharCode(0x61 + i))
  const pairs = letters.flatMap((x) => letters.map((y) => x + y))
  pairs.sort(collator.compare)
  const key = (pair: string) =>
    (weights[pair.charCodeAt(0)] ?? 0) * 256 + (weights[pair.charCodeAt(1)] ?? 0)
  return pairs.every((pair, i) => i === 0 || key(pairs[i - 1] ?? '') < key(pair))
}

function compareWith(collator: Intl.Collator, weights: Uint8Array) {
  const weightOf = (code: number) => (code <= LAST ? (weights[code] ?? 0) : 0)
  return (a: string, b: string): number => {
    if (a === b) return 0
    const length = Math.min(a.length, b.length)
    for (let i = 0; i < length; i++) {
      const x = a.charCodeAt(i)
      const y = b.charCodeAt(i)
      if (x === y) continue
      const wx = weightOf(x)
      const wy = weightOf(y)
      if (wx === 0 || wy === 0) return collator.compare(a, b)
      // Same weight (only case differs): a later character may still decide at primary strength.
      if (wx !== wy) return wx - wy
    }
    // One is a prefix of the other (ignoring case): a weighted next character makes the longer one later.
    const next = a.length > length ? a.charCodeAt(length) : b.charCodeAt(length)
    if (a.length !== b.length && weightOf(next) !== 0) return a.length - b.length
    return collator.compare(a, b)
  }
}

/** A comparator that always agrees with `collator.compare`, many times faster on mostly-ASCII text. */
export function fastCompare(collator: Intl.Collator): (a: string, b: string) => number {
  const weights = asciiWeights(collator)
  return weights ? compareWith(collator, weights) : collator.compare
}
