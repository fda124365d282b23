// The conversations and messages of the message-search benchmarks (bench:messages on
// SQLite, bench:postgres on PostgreSQL): about 20 messages each, a skewed mix of languages,
// and the words the benchmarks search for at known rates. Deterministic (mulberry32): each
// generator made here gives the same rows, in order, on every run and every machine.
import type { Conversation, Message } from '../src/lib/contract.ts'
import { createRandom } from '../mocks/prng.ts'

const ENGLISH = `i you the a to my is it and for of your please can this order have be not with
  on we that thanks thank hello hi help me what do was account how will need just at get are
  in no yes so but email sent when still been from payment delivery card address time if
  could would there as they an our received did check sorry shipping support number update
  problem issue any working package know days today tracking change cancel subscription
  password login app error message week again item price charged twice wrong size return
  customer service team sure let look into see right now already tried receive paid bank
  confirm detail details store online website page button click code discount voucher late
  arrived damaged box replace replacement exchange color product quality manager phone`
  .split(/\s+/)
  .filter(Boolean)
const FRENCH = `je vous le la les mon ma est et pour de votre merci bonjour commande livraison
  compte aide problème paiement carte adresse reçu colis déjà été très équipe numéro délai`
  .split(/\s+/)
  .filter(Boolean)
const RUSSIAN = `я вы мой заказ доставка оплата помогите пожалуйста спасибо здравствуйте возврат
  денег карта адрес посылка ещё не пришла номер счёт проблема вопрос`
  .split(/\s+/)
  .filter(Boolean)
const GREEK = `γεια σας η παραγγελία μου δεν έφτασε ακόμα πληρωμή κάρτα διεύθυνση βοήθεια
  ευχαριστώ επιστροφή χρημάτων λογαριασμός πρόβλημα ΟΔΟΣ`
  .split(/\s+/)
  .filter(Boolean)
const ARABIC = `مرحبا طلبي لم يصل بعد الدفع البطاقة العنوان مساعدة شكرا استرداد المبلغ الحساب
  مشكلة الطلب رقم`
  .split(/\s+/)
  .filter(Boolean)
const CHINESE = ['我要退款', '订单还没到', '谢谢', '请帮我查一下', '付款失败了', '地址错了']
const REFUND = ['refund', 'refund', 'refund', 'refund', 'Refund', 'REFUND']
const REFUND_FORMS = ['refunds', 'refunded', 'refundable', 'refused']

const BASE = Date.UTC(2024, 0, 1)

export type ConversationWithMessages = { conversation: Conversation; messages: Message[] }

/** Conversation `n` with its messages; call with n = 0, 1, 2… in order. */
export function createMessageRows(): (n: number) => ConversationWithMessages {
  const rng = createRandom(20_260_610)
  const random = () => rng.next()
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  // Words of a pool by rank, the first far more often than the last (as in real text).
  const skewed = <T>(items: readonly T[]): T =>
    items[Math.floor(random() ** 2.5 * items.length)] as T

  /** Mirrors words per message: a skewed mix of languages, an order number now and then. */
  function makeContent(index: number): string {
    const language = random()
    const pool =
      language < 0.82
        ? ENGLISH
        : language < 0.9
          ? FRENCH
          : language < 0.94
            ? RUSSIAN
            : language < 0.97
              ? GREEK
              : ARABIC
    const words: string[] = []
    const length = 3 + Math.floor(random() * 28)
    for (let i = 0; i < length; i++) words.push(skewed(pool))
    const at = () => Math.floor(random() * words.length)
    if (random() < 0.15) words.splice(at(), 0, `#${100_000 + Math.floor(random() * 900_000)}`)
    if (random() < 0.02) words.splice(at(), 0, pick(CHINESE))
    // The words the benchmark looks for, at known rates.
    if (random() < 0.1) words.splice(at(), 0, pick(REFUND))
    if (random() < 0.02) words.splice(at(), 0, pick(REFUND_FORMS))
    if (random() < 0.05) words.splice(at(), 0, random() < 0.5 ? 'invoice' : 'Invoice')
    if (random() < 1 / 300) words.splice(at(), 0, 'warranty')
    if (random() < 1 / 20_000) words.splice(at(), 0, 'quokka')
    if (index % 2_857_143 === 1_234) words.splice(at(), 0, 'Zeppelin')
    return `${words.join(' ')}${random() < 0.3 ? '?' : '.'}`
  }

  return (n) => {
    const id = `conv_${String(n).padStart(8, '0')}`
    const created = BASE + Math.floor(random() * 3e10)
    const count = 1 + Math.floor(random() * 39)
    const messages = Array.from({ length: count }, (_, i) => ({
      id: `msg_${n}_${i}`,
      conversation_id: id,
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: makeContent(n * 20 + i),
      created_at: new Date(created + i * 60_000).toISOString(),
    }))
    const updated = new Date(created + count * 60_000 + Math.floor(random() * 1e9)).toISOString()
    const title = `${pick(['Question about', 'Problem with', 'Help with'])} ${skewed(ENGLISH)}`
    return {
      conversation: {
        id,
        title,
        customer_user_id: null,
        message_count: count,
        created_at: new Date(created).toISOString(),
        updated_at: updated,
      },
      messages,
    }
  }
}
