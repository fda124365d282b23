// Plain log lines with a level filter. Callers pass messages that never hold the secret.
import type { LogLevel } from './config.ts'

export type Logger = Record<LogLevel, (message: string) => void>

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

export type LogWriter = (line: string, level: LogLevel) => void

const writeToConsole: LogWriter = (line, level) =>
  (rank[level] >= rank.warn ? process.stderr : process.stdout).write(`${line}\n`)

export function createLogger(level: LogLevel, write: LogWriter = writeToConsole): Logger {
  const at = (lineLevel: LogLevel) => (message: string) => {
    if (rank[lineLevel] < rank[level]) return
    write(`${new Date().toISOString()} ${lineLevel.toUpperCase()} ${message}`, lineLevel)
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
