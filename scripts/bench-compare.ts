// Timing one query on two backends side by side, and the table bench:postgres prints: each
// case's p50 and p95 on SQLite and on PostgreSQL, the target, and whether PostgreSQL met
// it (by how much it missed). Runs alternate between the backends, so a burst of load from
// other work on the machine falls on both; each backend answers once untimed first.
import { load } from './bench-report.ts'

export type Timing = { p50: number; p95: number; found: number }

/** What a run answered, for the matches column: a count, or a sum of counts. */
export type Work = (run: number) => Promise<number>

// As bench:store, bench:messages and bench:activity take them: the sample at q of the sorted.
const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0

function timing(times: number[], found: number): Timing {
  times.sort((a, b) => a - b)
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), found }
}

export async function timeBoth(
  runs: number,
  sqlite: Work,
  postgres: Work,
): Promise<{ sqlite: Timing; postgres: Timing }> {
  await sqlite(0)
  await postgres(0)
  const times = { sqlite: [] as number[], postgres: [] as number[] }
  const found = { sqlite: 0, postgres: 0 }
  for (let run = 0; run < runs; run++) {
    for (const [backend, work] of [
      ['sqlite', sqlite],
      ['postgres', postgres],
    ] as const) {
      const started = performance.now()
      const answer = await work(run)
      times[backend].push(performance.now() - started)
      // The first run's answer: the first page, where a case moves from page to page.
      if (run === 0) found[backend] = answer
    }
  }
  return {
    sqlite: timing(times.sqlite, found.sqlite),
    postgres: timing(times.postgres, found.postgres),
  }
}

export type Compared = {
  what: string
  sqlite: Timing
  postgres: Timing
  /** p95 at most this many ms; null: for reference only. */
  targetMs: number | null
  /** The matches column; the counts by default. */
  found?: string
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1))

function result({ postgres, sqlite, targetMs }: Compared): string {
  if (targetMs === null) return 'info'
  const sqliteNote = sqlite.p95 <= targetMs ? '' : ' (SQLite MISS too)'
  if (postgres.p95 <= targetMs) return `PASS${sqliteNote}`
  const over = postgres.p95 - targetMs
  return `MISS by ${ms(over)} ms (${(postgres.p95 / targetMs).toFixed(1)}× the target)${sqliteNote}`
}

function matches({ sqlite, postgres, found }: Compared): string {
  if (found !== undefined) return found
  const same = sqlite.found === postgres.found
  const n = (value: number) => value.toLocaleString('en')
  return same ? n(postgres.found) : `SQLite ${n(sqlite.found)} ≠ PostgreSQL ${n(postgres.found)}`
}

export type Comparison = ReturnType<typeof createComparison>

export function createComparison(log: (line: string) => void) {
  const rows: Compared[] = []
  return {
    add(row: Compared) {
      rows.push(row)
      const target = row.targetMs === null ? 'no target' : `≤ ${row.targetMs} ms`
      log(
        `  ${row.what}: SQLite p95 ${ms(row.sqlite.p95)} ms, PostgreSQL p95 ${ms(row.postgres.p95)} ms (${target}) ${result(row)}  [${load()}]`,
      )
    },
    /** The table; the rows whose target PostgreSQL missed. */
    print(): Compared[] {
      const header = [
        'case',
        'SQLite p50',
        'SQLite p95',
        'PostgreSQL p50',
        'PostgreSQL p95',
        'target',
        'result',
        'matches',
      ]
      const cells = rows.map((row) => [
        row.what,
        `${ms(row.sqlite.p50)} ms`,
        `${ms(row.sqlite.p95)} ms`,
        `${ms(row.postgres.p50)} ms`,
        `${ms(row.postgres.p95)} ms`,
        row.targetMs === null ? '—' : `≤ ${row.targetMs} ms`,
        result(row),
        matches(row),
      ])
      const widths = header.map((h, i) =>
        Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)),
      )
      const right = new Set([1, 2, 3, 4])
      const line = (values: string[]) =>
        `| ${values
          .map((value, i) =>
            right.has(i) ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0),
          )
          .join(' | ')} |`
      log(
        `\n${line(header)}\n|${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
      )
      for (const row of cells) log(line(row))
      return rows.filter((row) => row.targetMs !== null && row.postgres.p95 > row.targetMs)
    },
  }
}
