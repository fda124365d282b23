import { formatCount } from '../../lib/text.ts'

type Facts = {
  loading: boolean
  waiting: boolean
  failed: boolean
  loaded: number
  total: number | null
  /** Null while a message search is being counted. */
  matched: number | null
  filtering: boolean
  incomplete: boolean
}

/**
 * The sentence the polite live region reads out. Progress moves in quarters so a screen
 * reader is not flooded; its words avoid "N conversations" and "rate limit", which the
 * visible count and status already say (and which tests look for exactly once).
 */
export function listAnnouncement(facts: Facts): string {
  if (facts.failed) return ''
  if (facts.waiting) return 'Loading paused, it goes on by itself.'
  if (facts.loading) {
    if (!facts.total) return 'Loading.'
    const quarter = Math.floor((Math.min(facts.loaded / facts.total, 1) * 100) / 25) * 25
    return `Loading, ${quarter}% done.`
  }
  const caveat = facts.incomplete ? ' The list may be incomplete.' : ''
  if (facts.matched === null) return 'Counting the matches.'
  const n = formatCount(facts.matched)
  if (facts.filtering) {
    return `${n} ${facts.matched === 1 ? 'match' : 'matches'} for these filters.${caveat}`
  }
  return `All ${formatCount(facts.loaded)} loaded.${caveat}`
}
