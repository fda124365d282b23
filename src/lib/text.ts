// One formatter for every count on the page: `n.toLocaleString()` builds a new one on
// each call, which cost a table of 20 rows a few milliseconds per render.
const counts = new Intl.NumberFormat()

/** "1,234" in the reader's locale, as `toLocaleString()` writes it. */
export const formatCount = (n: number): string => counts.format(n)

/** "1 conversation", "1,234 conversations". */
export function countLabel(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`
}
