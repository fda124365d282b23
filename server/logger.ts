// One JSON object per line ({"level","time","msg",...fields}) so log collectors can parse
// every line, with a level filter. Callers pass messages that never hold the secret; the
// secrets the logger is given are scrubbed from every line all the same, in case one
// slips into an error message.
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
    write(line, lineLevel)
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/** A decoded path can hold line breaks or other control characters; a log line must not. */
export function printable(text: string, max = 300): string {
  return text.replace(/\p{Cc}/gu, (char) => encodeURIComponent(char)).slice(0, max)
}
