// A conversation's lines in order: the customer's problem, the agent's greeting and
// question, the customer's answer, more questions in longer threads, then the agent's fix
// or hand-over, the customer's closing words and the agent's last reply.
import { fill } from './details.ts'
import type { Plan } from './plan.ts'
import type { Random } from './prng.ts'
import { comebackIndex } from './timeline.ts'

export type Line = { role: 'user' | 'assistant'; content: string }

const minute = 60_000
const day = 24 * 60 * minute

/** comebackGap: how long the customer took before their comeback message (see timeline.ts). */
export function threadLines(
  plan: Plan,
  count: number,
  random: Random,
  comebackGap: number,
): Line[] {
  const role = (i: number): Line['role'] => (i % 2 === 0 ? 'user' : 'assistant')
  if (plan.unusual) {
    const fixed = plan.unusual.lines
    return Array.from(
      { length: count },
      (_, i) => fixed[i % fixed.length] ?? { role: role(i), content: '' },
    )
  }
  const texts = contents(plan, count, random)
  const comeback = comebackIndex(count)
  const book = plan.pack.phrasebook
  // Coming back weeks later, a customer says so; in a 4-message thread their late message
  // is the answer to the agent's question, so it stays one, only with an apology.
  const isClosing = count === 3 || count >= 5
  if (comeback > 0 && comebackGap >= 3 * day && isClosing) {
    texts[comeback] = random.pick(book.back)
    if (comeback + 1 < count) texts[comeback + 1] = random.pick(book.reopen)
  } else if (comeback > 0 && comebackGap >= 45 * minute) {
    texts[comeback] = random.pick(book.late) + (texts[comeback] ?? '')
  }
  return texts.map((text, i) => ({ role: role(i), content: fill(text, plan.detail) }))
}

function contents(plan: Plan, count: number, random: Random): string[] {
  const { script } = plan
  const book = plan.pack.phrasebook
  const escalated = random.chance(0.25)
  const outcome = random.pick(escalated ? script.escalate : script.resolve)
  const failed = !script.informational && random.chance(0.15)
  const closing = escalated ? 'waiting' : failed ? 'stuck' : 'thanks'
  const close = random.pick(book[closing])
  const last = random.pick(closing === 'stuck' ? book.handover : book.welcome)
  const open = random.pick(script.open)
  const greet = (text: string) => `${random.pick(book.greetings)} ${text}`
  if (count <= 3) return [open, greet(outcome), close].slice(0, count)

  const opening = script.questions[0] ?? book.questions[0]
  const head = [open, greet(opening?.ask ?? ''), random.pick(opening?.answers ?? [''])]
  const tail = count === 4 ? [outcome] : count % 2 === 1 ? [outcome, close] : [outcome, close, last]
  const middle: string[] = []
  const asked = [
    ...shuffled(random, [...script.questions.slice(1), ...book.questions]),
    ...shuffled(random, book.followUps),
  ]
  while (middle.length < count - head.length - tail.length) {
    // Once every question is asked, a long chat goes round the follow-ups again.
    if (middle.length / 2 >= asked.length) {
      const again = shuffled(random, book.followUps)
      // Never the same exchange twice in a row.
      const first = again.shift()
      if (first) again.splice(first === asked.at(-1) ? again.length : 0, 0, first)
      asked.push(...again)
    }
    const question = asked[middle.length / 2]
    middle.push(`${random.pick(book.acks)} ${question?.ask ?? ''}`)
    middle.push(random.pick(question?.answers ?? ['']))
  }
  return [...head, ...middle, ...tail]
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    const a = copy[i]
    const b = copy[j]
    if (a !== undefined && b !== undefined) [copy[i], copy[j]] = [b, a]
  }
  return copy
}
