import { createContext } from 'react'

/**
 * The list's query string (`?page=2&text=refund`, or ''), for the rows' links: a
 * conversation opened from them (also in a new tab) opens with the list as it was, and
 * marks what `Search messages` looked for.
 */
export const ListQueryString = createContext('')
