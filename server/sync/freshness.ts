// When the sync reads what: the scheduler's rule, as pure functions.
//
// B, the crawl budget, is UPSTREAM_RATE_PER_MINUTE × (1 − UPSTREAM_INTERACTIVE_SHARE)
// requests a minute (720 with the defaults). A full cycle reads every page of both lists
// (conversations, then customers): P requests. Only full passes see an update to an old
// conversation, a deletion, or a renamed customer.
//
// - The first pass of a mirror that never held a complete list runs at once, at the
//   whole budget and the widest concurrency: that is the page's loading bar.
// - When the last full pass found the conversations newest-created first, new ones can
//   only appear on the first pages. Those are re-read every SNAPSHOT_TTL_SECONDS (page 1,
//   2, … until a page brings nothing new or changed, at most `headRefreshMaxPages`), so a
//   new conversation shows within about a minute at any size. Full passes are paced
//   through a limiter of B/2 a minute (so within any minute they use at most half the
//   budget, and head refreshes and interactive calls never queue behind them) and start
//   at the latest of: TTL after the last cycle began, the last cycle's end, and
//   P ÷ (B/2) minutes after the last cycle began.
// - Otherwise (the order is unknown or not newest first) head refreshes would prove
//   nothing: full passes only, back to back at the whole budget, a cycle starting no
//   sooner than TTL after the previous one began.
// An update to an old conversation shows by the time its page is read again: at worst
// one cycle plus one pass later (read first in one pass, last in the next), typically
// one cycle, as a page is read at about the same point of every pass. See
// `updateStalenessBoundMs`; customers' pages count in P like conversations'.

export type FreshnessRule = {
  ttlMs: number
  /** B: the crawl's share of the upstream budget, requests per minute. */
  crawlPerMinute: number
  /** The conversations came newest-created first in the last full pass. */
  newestFirst: boolean
}

export type CycleTimes = { startedAt: number; endedAt: number; requests: number }

const minuteMs = 60_000

/** Full passes' own limit when paced: half the crawl budget. */
export const pacedPerMinute = (crawlPerMinute: number) =>
  Math.max(1, Math.floor(crawlPerMinute / 2))

/** When the next full cycle may start, given the last one. */
export function nextFullPassAt(last: CycleTimes, rule: FreshnessRule): number {
  const notBefore = Math.max(last.startedAt + rule.ttlMs, last.endedAt)
  if (!rule.newestFirst) return notBefore
  const halfBudgetMs = (last.requests / pacedPerMinute(rule.crawlPerMinute)) * minuteMs
  return Math.max(notBefore, last.startedAt + halfBudgetMs)
}

/** Most pages one head refresh reads: a quarter of a TTL's crawl budget. */
export function headRefreshMaxPages(rule: Pick<FreshnessRule, 'ttlMs' | 'crawlPerMinute'>) {
  return Math.max(1, Math.floor(((rule.crawlPerMinute / 4) * rule.ttlMs) / minuteMs))
}

const perMinuteOf = (rule: FreshnessRule) =>
  rule.newestFirst ? pacedPerMinute(rule.crawlPerMinute) : rule.crawlPerMinute

/** How long a cycle of `pages` requests lasts, start to start, in steady state. */
export function cycleMs(pages: number, rule: FreshnessRule): number {
  return Math.max(rule.ttlMs, (pages / perMinuteOf(rule)) * minuteMs)
}

/** How long one pass of `pages` requests takes at least: its limiter lets a window's worth through per minute. */
export function passMs(pages: number, rule: FreshnessRule): number {
  return Math.max(0, Math.ceil(pages / perMinuteOf(rule)) - 1) * minuteMs
}

/** Worst case for an update to an old conversation to show (round trips not counted). */
export function updateStalenessBoundMs(pages: number, rule: FreshnessRule): number {
  return cycleMs(pages, rule) + passMs(pages, rule)
}
