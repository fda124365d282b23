// How the benchmarks print: the machine's load with every figure (other agents share its
// cores, so a single run moves a lot), medians and quantiles, a table of measures against
// their targets.
import { availableParallelism, loadavg } from 'node:os'

export const load = () =>
  `load ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`

/** Linear interpolation between the closest ranks; NaN values are left out. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const at = (sorted.length - 1) * q
  const low = sorted[Math.floor(at)] ?? 0
  const high = sorted[Math.ceil(at)] ?? 0
  return low + (high - low) * (at - Math.floor(at))
}
export const median = (values: readonly number[]) => quantile(values, 0.5)

export const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a')
export const seconds = (valueMs: number) => `${(valueMs / 1000).toFixed(2)} s`
export const thousands = (value: number) => value.toLocaleString('en-US')

export type Measure = {
  what: string
  /** The figure as printed, e.g. "412 ms". */
  shown: string
  /** "≤ 500 ms"; no target: information only. */
  target?: string
  met?: boolean
  detail?: string
}

/** Collects measures, printing each as it comes, then all of them as one table. */
export function createReport() {
  const measures: Measure[] = []
  const verdict = (m: Measure) => (m.met === undefined ? 'info' : m.met ? 'PASS' : 'MISS')
  return {
    add(measure: Measure) {
      measures.push(measure)
      const target = measure.target ? ` (target ${measure.target}) ${verdict(measure)}` : ''
      console.log(`  ${measure.what}: ${measure.shown}${target}  [${load()}]`)
    },
    print() {
      const header = ['measure', 'value', 'target', 'result', 'detail']
      const rows = measures.map((m) => [
        m.what,
        m.shown,
        m.target ?? '—',
        verdict(m),
        m.detail ?? '',
      ])
      const widths = header.map((h, i) =>
        Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
      )
      const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')
      console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`)
      for (const row of rows) console.log(line(row))
      const missed = measures.filter((m) => m.met === false).map((m) => m.what)
      console.log(missed.length === 0 ? '\ntargets met' : `\nTARGETS MISSED: ${missed.join('; ')}`)
      return missed.length === 0
    },
  }
}
