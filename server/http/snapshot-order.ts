// A complete conversation snapshot goes out newest activity first, the page's default
// order: the first lines a browser reads already hold its first page, which then stays
// put while the rest streams in (the page still sorts everything itself).
const field = (row: unknown, name: string): unknown =>
  typeof row === 'object' && row !== null ? (row as Record<string, unknown>)[name] : undefined

const time = (row: unknown) => {
  const value = field(row, 'updated_at')
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms
}

const id = (row: unknown) => {
  const value = field(row, 'id')
  return typeof value === 'string' ? value : ''
}

export function newestActivityFirst(a: unknown, b: unknown): number {
  const byTime = time(b) - time(a)
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime
  const x = id(a)
  const y = id(b)
  return x < y ? -1 : x > y ? 1 : 0
}
