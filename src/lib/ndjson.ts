import type * as z from 'zod/mini'
import { describeIssues } from './contract.ts'

/** A line of a stream that is not what the contract promises: the stream cannot be trusted further. */
export class NdjsonLineError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NdjsonLineError'
  }
}

function parseLine<T>(line: string, schema: z.ZodMiniType<T>, source: string, lineNumber: number) {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    throw new NdjsonLineError(`Line ${lineNumber} of ${source} is not valid JSON.`)
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw new NdjsonLineError(
      `Line ${lineNumber} of ${source} is not what the dashboard expects (${describeIssues(parsed.error)}).`,
    )
  }
  return parsed.data
}

/**
 * Yields each line of a newline-delimited JSON body as soon as it is complete, validated
 * by `schema`. Blank lines are skipped; a line that fails to parse throws NdjsonLineError.
 * Stopping early (break or throw in the consumer) cancels the body.
 */
export async function* readNdjson<T>(
  body: ReadableStream<Uint8Array>,
  schema: z.ZodMiniType<T>,
  source: string,
): AsyncGenerator<T, void, undefined> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let pending = ''
  let lineNumber = 0
  let finished = false
  try {
    while (!finished) {
      const { done, value } = await reader.read()
      finished = done
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true })
      let newline = pending.indexOf('\n')
      while (newline !== -1 || (finished && pending !== '')) {
        const end = newline === -1 ? pending.length : newline
        const line = pending.slice(0, end)
        pending = pending.slice(end + 1)
        lineNumber++
        if (line.trim() !== '') yield parseLine(line, schema, source, lineNumber)
        newline = pending.indexOf('\n')
      }
    }
  } finally {
    if (finished) reader.releaseLock()
    else await reader.cancel().catch(() => undefined)
  }
}
