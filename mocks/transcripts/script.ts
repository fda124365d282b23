// The shape of the mock's support conversations: per language, a phrasebook of lines any
// thread can use and, per topic, a script of the lines only that topic can use. Text holds
// {placeholders} (see details.ts) so that one script tells many different stories.

export type Language = 'en' | 'de' | 'fr' | 'es' | 'ru' | 'el' | 'ar'

export type Topic =
  | 'refund'
  | 'password-reset'
  | 'pricing'
  | 'shipping-delay'
  | 'upload'
  | 'invoice-vat'
  | 'delivery-address'
  | 'two-factor'
  | 'subscription-cancelled'
  | 'feature-request'
  | 'app-crash'
  | 'wrong-size'
  | 'discount-code'
  | 'export-data'
  | 'account-locked'
  | 'billing-cycle'

/** The agent asks, the customer answers with one of these. */
export type Question = { ask: string; answers: readonly string[] }

export type Script = {
  topic: Topic
  /** Every placeholder a title uses is in every opening line, so the title matches. */
  titles: readonly string[]
  /** The customer's first message: the problem, with its details. */
  open: readonly string[]
  /** What the agent asks about this topic; the first is asked first, the rest later. */
  questions: readonly Question[]
  resolve: readonly string[]
  /** The agent hands the case to a person. */
  escalate: readonly string[]
  /** An answer rather than a fix: the customer never says it did not work. */
  informational?: boolean
}

export type Phrasebook = {
  /** Starts the agent's first message. */
  greetings: readonly string[]
  /** Starts the agent's later messages. */
  acks: readonly string[]
  /** Questions that fit any topic, asked once each in longer threads. */
  questions: readonly Question[]
  /** Exchanges that may come again and again, as they do in a long chat. */
  followUps: readonly Question[]
  thanks: readonly string[]
  /** The customer, after an escalation. */
  waiting: readonly string[]
  /** The customer, when the fix did not work. */
  stuck: readonly string[]
  welcome: readonly string[]
  handover: readonly string[]
  /** The customer, coming back days or weeks later. */
  back: readonly string[]
  reopen: readonly string[]
  /** Put before a customer's line that comes hours later. */
  late: readonly string[]
}

/** Words the placeholders draw from; a missing list falls back to English. */
export type Words = {
  products: readonly string[]
  cities: readonly string[]
  garments?: readonly string[]
  features?: readonly string[]
  vatPrefix?: string
  /** A price, from an amount in cents, as this language writes it. */
  money: (cents: number) => string
  /** Digits as this language writes them (Arabic-Indic in Arabic). */
  digits?: (text: string) => string
}

export type LanguagePack = {
  language: Language
  /** Share of the conversations held in this language. */
  share: number
  phrasebook: Phrasebook
  scripts: readonly Script[]
  words: Words
}
