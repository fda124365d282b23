// The words the mock's conversations are made of. The hostile and unusual titles are
// here on purpose: the real service passes through whatever its users typed.
import type { Random } from './prng.ts'

const subjects = [
  'Refund request',
  'Password reset not working',
  'Question about pricing',
  'Shipping delay',
  'Cannot upload files',
  'Invoice missing VAT number',
  'Change of delivery address',
  'Two-factor code never arrives',
  'Subscription cancelled by mistake',
  'Feature request: dark mode',
  'App crashes on startup',
  'Wrong size delivered',
  'Discount code rejected',
  'How do I export my data?',
  'Account locked',
  'Billing cycle question',
]
const details = ['order #', 'ticket #', 'invoice #', 'case #']
const flourishes = ['', '', '', '', ' 🙏', ' 🚚', ' — urgent', ' (follow-up)', ' ✅']

/**
 * Titles placed once each near the head of the list, so every data set of a few
 * dozen conversations holds them. Exactly one contains "onerror".
 */
export const unusualTitles: readonly string[] = [
  'Order arrived damaged 📦😡',
  'طلب استرداد المبلغ للطلب رقم ٤٥',
  'בעיה בהתחברות לחשבון שלי',
  '<b>bold</b> claim about a missing parcel',
  '<img src=x onerror=alert(1)>',
  '  Leading and trailing spaces  ',
  'Crème brûlée café order — résumé attached',
  '=HYPERLINK("http://example.com","click") looks like a formula',
  'Comma, "quotes" and more',
  'A very long title that keeps going because the customer pasted their entire question into the subject line instead of the message body, which happens more than you would think',
]

export function conversationTitle(random: Random): string {
  const subject = random.pick(subjects)
  const detail = random.chance(0.5) ? ` — ${random.pick(details)}${random.int(1000, 99999)}` : ''
  return `${subject}${detail}${random.pick(flourishes)}`
}

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

const userLines = [
  'Hi, I have a problem with my order.',
  'It still has not arrived and the tracking page has not changed in a week.',
  'Can you check what happened?\nMy order number is in the subject.',
  'Thanks! One more thing: can I change the delivery address?',
  'I tried that already, it did not help.',
  'Here is what I see: <script>alert("hi")</script>',
  'Great, that worked 🎉',
  'Is there a phone number I can call?',
]
const assistantLines = [
  'Thanks for reaching out! Let me look into that for you.',
  'I can see the order. It left our warehouse yesterday and should arrive within 2 days.',
  'Here is what you can try:\n1. Sign out\n2. Clear the app cache\n3. Sign in again',
  'I have issued a refund; it will appear on your statement in 3–5 business days.',
  'You can export your data under **Settings → Privacy → Export**.',
  'Sure, use <a href="https://example.com/help">our help page</a> for the details.',
  'Is there anything else I can help you with?',
]

export function messageText(random: Random, role: 'user' | 'assistant'): string {
  return random.pick(role === 'user' ? userLines : assistantLines)
}
