/** Case- and accent-insensitive form of a text, for substring search: "Crème" → "creme". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** One collator for every text sort on the page: creating one per comparison is slow. */
export const collator = new Intl.Collator()

/** "1 conversation", "1,234 conversations". */
export function countLabel(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`
}
