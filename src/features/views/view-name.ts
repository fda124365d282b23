import { ViewNameSchema } from '../../lib/contract.ts'

/** Names compare as the server compares them: trimmed, case-insensitively. */
const key = (name: string) => name.trim().toLocaleLowerCase()

/**
 * Why `name` cannot be saved, in words for the dialog, or null if it can: it must have 1
 * to 80 characters once trimmed (ViewNameSchema) and not be one of `others`.
 */
export function nameProblem(name: string, others: readonly string[]): string | null {
  if (!ViewNameSchema.safeParse(name).success) {
    const length = name.trim().length
    return length === 0
      ? 'Give the view a name.'
      : `A name is at most 80 characters; this one has ${length}.`
  }
  const taken = others.find((other) => key(other) === key(name))
  return taken === undefined ? null : takenMessage(taken)
}

export const takenMessage = (name: string) =>
  `A view named "${name}" already exists; choose another name.`
