// The names the mock's customers are made of. Some are not ASCII on purpose: the real
// service passes through whatever its users typed.
import type { Random } from './prng.ts'

const firstNames = ['Ada', 'Bruno', 'Chen', 'Dalia', 'Emeka', 'Fatima', 'Giulia', 'Hiro']
const moreFirstNames = ['Ingrid', 'José', 'Kofi', 'Lena', 'Mateo', 'Nadia', 'Olu', 'Zoë']
const lastNames = ['Okafor', 'Müller', 'Nakamura', 'García', 'Smith', 'Ångström', 'Haddad', 'Kim']

export function personName(random: Random): { first: string; last: string } {
  return { first: random.pick([...firstNames, ...moreFirstNames]), last: random.pick(lastNames) }
}

/** Emails are ASCII even when the name is not, as most mail systems still expect. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase()
}
