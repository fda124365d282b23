// The derived values every backend stores beside a row, computed here in one place so
// that sorting and filtering mean the same on SQLite and PostgreSQL: folded text keys
// compared in binary order, dates as epoch milliseconds, lower-case ids and needles.
import type { CustomerUser } from '../../src/lib/contract.ts'
import { customerDisplayName } from '../../src/lib/customer-name.ts'

type Text = string | null | undefined

/** Case- and accent-insensitive form of a text: "Crème" → "creme". */
export const foldText = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** Case- and accent-free form of a title; a line break counts as a space so no match spans two lines. */
const foldLine = (text: string) => foldText(text).replace(/[\r\n]/g, ' ')

/** The title's sort and search key; null (sorted last) for a missing or blank title. */
export function titleKey(title: Text): string | null {
  return title?.trim() ? foldLine(title) : null
}

/** The Customer column's sort key: what it shows (name, else email, else id), folded. */
export function customerKey(
  customer: Pick<CustomerUser, 'name' | 'email'> | null | undefined,
  customerUserId: Text,
): string | null {
  const shown = customerDisplayName(customer, customerUserId)
  return shown === null ? null : foldText(shown)
}

/** Milliseconds since the epoch: ISO strings with different offsets compare correctly. */
export function epochMs(value: Text): number | null {
  if (!value) return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

/** Ids and customer texts compare case-insensitively (not accent-insensitively). */
export const lowerText = (value: Text): string => (value ?? '').toLowerCase()

/** What a Customer filter compares with: outer spaces ignored, lower case; '' means no filter. */
export const customerNeedle = (text: string): string => text.trim().toLowerCase()

/** What a title search looks for (a folded substring); '' when the search is blank (no filter). */
export const titleNeedle = (text: string): string => (text.trim() ? foldLine(text) : '')

/**
 * What makes two view names the same: case-folded (upper then lower, so "STRASSE" and
 * "straße" meet), compatibility forms unified, outer spaces ignored. Not accent-insensitive:
 * "Resume" and "Résumé" are two views.
 */
export const viewNameKey = (name: string): string =>
  name.normalize('NFKC').trim().toUpperCase().toLowerCase().normalize('NFKC')
