// What one conversation is about, derived from the seed and its number alone: language,
// topic, details, title, how many messages, whether the customer came back lately. The
// list and the messages (made later, on request) both ask for it, so they agree.
import { detailsOf, fill, type Detail } from './details.ts'
import { pickLanguage } from './languages.ts'
import { createRandom, mixSeed, type Random } from './prng.ts'
import {
  emptyThread,
  hiddenCount,
  hidesCount,
  longThread,
  sharesUpdatedAt,
  unusualAt,
} from './special-rows.ts'
import { appCrash } from './transcripts/en-app.ts'
import { english } from './transcripts/en.ts'
import type { LanguagePack, Script } from './transcripts/script.ts'
import type { UnusualThread } from './transcripts/unusual.ts'

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

export type PlanOptions = { seed: number; conversations: number }

export type Plan = {
  pack: LanguagePack
  script: Script
  detail: Detail
  title: string
  messages: number
  unusual: UnusualThread | undefined
  /** For the few conversations the customer came back to lately: how long ago, in ms. */
  reopenedAgo: number | undefined
}

/** Conversations numbered past the generated ones were inserted later, as they arrive upstream. */
export function planOf(options: PlanOptions, number: number): Plan {
  const index = number <= options.conversations ? options.conversations - number : -1
  const random = createRandom(mixSeed(options.seed, number))
  const long = index === longThread
  const pack = long ? english : pickLanguage(random)
  const script = long ? appCrash : random.pick(pack.scripts)
  const detail = detailsOf(pack.words, mixSeed(options.seed + 31, number))
  const unusual = unusualAt(index)
  const title = unusual?.title ?? fill(random.pick(script.titles), detail)
  const messages = messageCount(random, index, unusual)
  const reopened = !unusual && messages >= 3 && random.chance(0.05)
  return {
    pack,
    script,
    detail,
    title,
    messages,
    unusual,
    reopenedAgo: reopened ? reopenDelay(random) : undefined,
  }
}

function messageCount(random: Random, index: number, unusual: UnusualThread | undefined) {
  if (unusual) return unusual.lines.length
  if (index === longThread) return 250
  if (index === emptyThread) return 0
  if (hidesCount(index)) return hiddenCount
  // Just arrived: the customer's first message, not answered yet.
  if (index < 0) return 1
  const roll = random.next()
  const count =
    roll < 0.72 ? random.int(2, 6) : roll < 0.96 ? random.int(8, 20) : random.int(30, 80)
  // A conversation that ends at another's time needs a customer message that can come late.
  return sharesUpdatedAt(index) ? Math.max(3, count) : count
}

/** Some within the last hour (the "active" ones), the rest over the last two weeks. */
function reopenDelay(random: Random): number {
  return random.chance(0.4) ? random.int(0, hour) : random.int(hour, 14 * day)
}
