// Conversations placed once each near the head of the list, so every data set of a few
// dozen conversations holds them. The real service passes through whatever its users
// typed: markup, emoji, right-to-left text, formulas, quotes, pasted logs. Exactly one
// title contains "onerror".

export type FixedLine = { role: 'user' | 'assistant'; content: string }
export type UnusualThread = { title: string; lines: readonly FixedLine[] }

const user = (content: string): FixedLine => ({ role: 'user', content })
const agent = (content: string): FixedLine => ({ role: 'assistant', content })

const pastedLog = Array.from(
  { length: 40 },
  (_, i) =>
    `2026-02-27 14:${String(2 + i).padStart(2, '0')}:11 ERROR sync failed: timeout after 30000 ms (attempt ${(i % 5) + 1}/5)`,
).join('\n')

export const unusualThreads: readonly UnusualThread[] = [
  {
    title: 'Order arrived damaged 📦😡',
    lines: [
      user(
        'My order arrived today and the box was completely crushed 📦😡 The lamp inside is broken.',
      ),
      agent("Oh no, I'm so sorry! Could you send a photo of the box and the lamp?"),
      user('📸📸'),
      agent(
        "Thanks for the photos. I've sent a replacement by express; you don't need to return the broken one.",
      ),
      user('🙏🙏🙏'),
      agent('Glad to help! 😊'),
    ],
  },
  {
    title: 'طلب استرداد المبلغ للطلب رقم ٤٥',
    lines: [
      user('مرحبًا، أريد استرداد المبلغ للطلب رقم ٤٥، فقد وصل المنتج تالفًا.'),
      agent('مرحبًا، نأسف لذلك! هل يمكنك إرسال صورة للمنتج؟'),
      user('أرسلت الصورة الآن.'),
      agent('شكرًا لك. وافقت على استرداد المبلغ كاملًا، وسيظهر في حسابك خلال ٣ إلى ٥ أيام عمل.'),
      user('شكرًا جزيلًا 🌹'),
    ],
  },
  {
    title: 'בעיה בהתחברות לחשבון שלי',
    lines: [
      user('שלום, אני לא מצליח להתחבר לחשבון שלי. כתוב שהסיסמה שגויה.'),
      agent('שלום! מצטער לשמוע. שלחתי עכשיו קישור לאיפוס הסיסמה לכתובת המייל שלך.'),
      user('קיבלתי, זה עבד. תודה רבה!'),
      agent('בשמחה! יום טוב 😊'),
    ],
  },
  {
    title: '<b>bold</b> claim about a missing parcel',
    lines: [
      user(
        '<b>bold</b> claim: my parcel is missing. The tracking page shows this: <script>alert(1)</script>',
      ),
      agent(
        'Sorry about that! What you pasted looks like code from a web page. Could you tell me the tracking number instead?',
      ),
      user(
        'It is 1Z999AA10123456784 and <i>nobody</i> rang the bell & the "safe place" note was ignored',
      ),
      agent(
        "Thanks. The courier marked it delivered to a safe place at 14:02. I've opened a claim; if it doesn't turn up by tomorrow, we'll send a new one.",
      ),
    ],
  },
  {
    title: '<img src=x onerror=alert(1)>',
    lines: [
      user('<img src=x onerror=alert(1)>'),
      agent('Hi! Your message came through as code. What can I help you with?'),
      user(
        'Sorry, pasted the wrong thing. My invoice PDF shows <td>VAT</td> instead of the amount.',
      ),
      agent(
        "Thanks! That's a rendering bug in old invoices. I've regenerated it; the corrected PDF is under Settings → Billing.",
      ),
    ],
  },
  {
    title: '  Leading and trailing spaces  ',
    lines: [
      user('   hello?   '),
      agent('Hi! How can I help?'),
      user('\n\nmy discount code has spaces in it:   SPRING20   \n\n'),
      agent("Spaces in codes are ignored, so that's fine. I've applied SPRING20 to your basket."),
    ],
  },
  {
    title: 'Crème brûlée café order — résumé attached',
    lines: [
      user(
        'Bonjour! Our café ordered 3 crème brûlée torches (order #31877) and I attached my résumé instead of the invoice by mistake 🙈 Could you delete it?',
      ),
      agent(
        "No problem, I've deleted the attachment (résumé.pdf). Would you like me to attach the invoice instead?",
      ),
      user('Oui, merci! And will the torches ship this week?'),
      agent('Done: the invoice is attached, and your order ships on Thursday.'),
      user('Parfait 👌'),
    ],
  },
  {
    title: '=HYPERLINK("http://example.com","click") looks like a formula',
    lines: [
      user(
        '=HYPERLINK("http://example.com","click") is what I see in the name column of my CSV export.',
      ),
      agent(
        'Thanks for flagging it! A customer\'s name starts with "=", which spreadsheets read as a formula. Our exports now put a \' in front of it.',
      ),
      user('+1 (555) 0100 and -5% look odd in Excel too.'),
      agent('Same fix: cells starting with =, +, - or @ are protected in the next export.'),
      user('@support thanks!'),
    ],
  },
  {
    title: 'Comma, "quotes" and more',
    lines: [
      user(
        'What happens in your CSV with a comma, "quotes" and more, like a semicolon; or a tab\there?',
      ),
      agent(
        'Values with commas, quotes or line breaks are wrapped in double quotes, and "" inside stands for one quote.',
      ),
      user('And a line break\nin the middle of a note?'),
      agent('Also fine: it stays inside the quoted value,\nso the row is not split.'),
    ],
  },
  {
    title:
      'A very long title that keeps going because the customer pasted their entire question into the subject line instead of the message body, which happens more than you would think',
    lines: [
      user(
        `Hello, as I wrote in the subject, the sync keeps failing. Here is the whole log:\n${pastedLog}`,
      ),
      agent(
        "Thanks for the log! The timeouts come from an old sync setting. I've reset it for your account; the next sync should go through.",
      ),
      user('ok'),
      agent('👍'),
    ],
  },
]
