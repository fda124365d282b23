// One JSON object per line ({"level","time","msg",...fields}) so log collectors can parse
// every line, with a level filter. Callers pass messages that never hold the secret; the
// secrets the logger is given are scrubbed from every line all the same, in case one
// slips into an error message. A logged value often comes from a request (a path, a user
// name), so whoever sends it must not be able to make a line read as something else on
// a terminal or in a viewer: besides what JSON escapes, C1 controls, line and paragraph
// separators and bidirectional controls are written as \uXXXX, which parse back to the
// same value.
import type { LogLevel } from './config.ts'

export type LogValue = string | number | boolean | null | undefined | readonly string[]
export type LogFields = Record<string, LogValue>
export type Logger = Record<LogLevel, (message: string, fields?: LogFields) => void>

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

export type LogWriter = (line: string, level: LogLevel) => void

const writeToConsole: LogWriter = (line, level) =>
  (rank[level] >= rank.warn ? process.stderr : process.stdout).write(`${line}\n`)

/** Shorter values would match ordinary text and scrub it for nothing. */
const minSecretLength = 6

/**
 * Characters that can fake a line break or reorder what a reader sees (JSON.stringify
 * leaves C1 controls, U+2028/U+2029 and every bidirectional control as they are).
 */
const deceptive = /[\p{Cc}\p{Bidi_Control}\u2028\u2029]/gu

const hex4 = (char: string) => char.charCodeAt(0).toString(16).padStart(4, '0')

export function createLogger(
  level: LogLevel,
  write: LogWriter = writeToConsole,
  secrets: readonly (string | undefined)[] = [],
): Logger {
  const scrub = secrets.filter((s): s is string => s !== undefined && s.length >= minSecretLength)
  const at = (lineLevel: LogLevel) => (message: string, fields?: LogFields) => {
    if (rank[lineLevel] < rank[level]) return
    const entry: Record<string, LogValue> = { level: lineLevel, time: '', msg: message }
    Object.assign(entry, fields, { level: lineLevel, time: new Date().toISOString(), msg: message })
    let line = JSON.stringify(entry)
    for (const secret of scrub) {
      const quoted = JSON.stringify(secret).slice(1, -1)
      if (line.includes(quoted)) line = line.replaceAll(quoted, '[redacted]')
    }
    // After scrubbing, which matches secrets as JSON.stringify writes them. Outside strings
    // a JSON line holds none of these, so each one sits in a string and \u is valid there.
    write(
      line.replace(deceptive, (char) => `\\u${hex4(char)}`),
      lineLevel,
    )
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/**
 * A decoded path can hold line breaks, bidirectional controls and the like; a log line or
 * an error message must show them as percent escapes, as they travelled.
 */
export function printable(text: string, max = 300): string {
  return text.replace(deceptive, (char) => encodeURIComponent(char)).slice(0, max)
}
