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
  // Snapshot lines are large (a thousand rows each) and arrive in many chunks: keep the
  // chunks of an unfinished line apart and join them once, when its newline arrives.
  let partial: string[] = []
  let lineNumber = 0
  let finished = false
  const take = (tail: string) => {
    partial.push(tail)
    const line = partial.join('')
    partial = []
    lineNumber++
    return line.trim() === '' ? null : parseLine(line, schema, source, lineNumber)
  }
  try {
    while (!finished) {
      const { done, value } = await reader.read()
      finished = done
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true })
      let start = 0
      for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
        const line = take(text.slice(start, newline))
        start = newline + 1
        if (line !== null) yield line
      }
      if (start < text.length) partial.push(text.slice(start))
      if (finished && partial.length > 0) {
        const line = take('')
        if (line !== null) yield line
      }
    }
  } finally {
    if (finished) reader.releaseLock()
    else await reader.cancel().catch(() => undefined)
  }
}
