// English threads about money: plans, invoices, charges and codes.
import type { Script } from './script.ts'

export const pricing: Script = {
  topic: 'pricing',
  titles: ['Question about pricing', 'Pricing for the {plan} plan', 'Price of the {plan} plan'],
  open: [
    'Hi, what does the {plan} plan cost per month if we pay yearly? The pricing page only shows the monthly price.',
    'Hello, we are a team of 12. Is the {plan} plan priced per user or per workspace?',
    'Before I upgrade: is there a discount on the {plan} plan for non-profits or students?',
  ],
  questions: [
    {
      ask: 'How many people would use the account?',
      answers: ['About 12 for now, maybe 20 by the summer.', 'Just me and one colleague.'],
    },
    {
      ask: 'Are you on a free trial at the moment, or already on a paid plan?',
      answers: ['Still on the trial, it ends on Friday.', "We're on the Starter plan."],
    },
  ],
  resolve: [
    'The {plan} plan is {amount} per user per month, and 20% less if you pay yearly. You can switch any time under Settings → Billing; we credit what is left of your current plan.',
    "With yearly billing the {plan} plan works out at {amount} a month, and non-profits get a further 30% off. Send us a registration document and we'll apply it.",
  ],
  informational: true,
  escalate: [
    "Our sales team can put together an offer for you. I've passed your details on (case {case}); someone will email you today.",
  ],
}

export const invoiceVat: Script = {
  topic: 'invoice-vat',
  titles: [
    'Invoice missing VAT number',
    'VAT number missing on invoice {invoice}',
    'Need a corrected invoice ({invoice})',
  ],
  open: [
    "Hi, invoice {invoice} doesn't show our VAT number, so our accountant can't book it. Our VAT ID is {vat}.",
    "Hello, we need invoice {invoice} reissued with our VAT ID ({vat}). It's missing on the PDF.",
    'Our VAT number {vat} is missing on invoice {invoice}. Can you send a corrected one?',
  ],
  questions: [
    {
      ask: 'Should the company name and address on the invoice stay as they are?',
      answers: [
        'Yes, only the VAT number is missing.',
        'Please also add "Attn: Accounts Payable".',
      ],
    },
    {
      ask: 'Would you like the VAT number on all future invoices as well?',
      answers: ['Yes please, every invoice.', 'Yes, that would save us this every month.'],
    },
  ],
  resolve: [
    "Done: I've added {vat} to your billing profile and reissued invoice {invoice}. The corrected PDF is under Settings → Billing → Invoices, and it's on its way to your billing email too.",
    "I've reissued {invoice} with your VAT ID and cancelled the old one. Future invoices will show the VAT number automatically.",
  ],
  escalate: [
    "Invoices from a closed accounting period can only be corrected by our finance team. I've passed it on (case {case}); they'll send the corrected invoice within 3 business days.",
  ],
}

export const subscriptionCancelled: Script = {
  topic: 'subscription-cancelled',
  titles: [
    'Subscription cancelled by mistake',
    'Please restore my {plan} subscription',
    'Accidentally cancelled my {plan} plan',
  ],
  open: [
    'I accidentally clicked "Cancel subscription" instead of "Change plan". Can you restore my {plan} plan?',
    "Hi, my {plan} subscription was cancelled by mistake yesterday and now my team can't log in.",
    'Help! I cancelled my {plan} plan by mistake while updating my card.',
  ],
  questions: [
    {
      ask: 'Would you like to keep the same billing date as before?',
      answers: ['Yes, everything exactly as it was.', 'Could it move to the 1st of the month?'],
    },
    {
      ask: 'Do you want to keep the same number of seats?',
      answers: ['Yes, same as before.', 'Yes, and could you add two more?'],
    },
  ],
  resolve: [
    "Done! Your {plan} subscription is active again with all your data and settings; nothing was deleted. You won't be charged twice for this month.",
    "I've restored your {plan} plan. Your team can log in again right away; they may need to refresh the page.",
  ],
  escalate: [
    "The cancellation already went through our payment provider, so restoring it needs our billing team. I've opened case {case}; until then your data is safe and kept for 30 days.",
  ],
}

export const billingCycle: Script = {
  topic: 'billing-cycle',
  titles: [
    'Billing cycle question',
    'Question about a charge of {amount}',
    'Billing date and a charge of {amount}',
  ],
  open: [
    'Why was I charged {amount} on the 3rd? I thought my billing date was the 15th.',
    'Hi, I was charged {amount} today. Can I move my billing date to the start of the month?',
    'I see a charge of {amount} but my plan costs less. Is the billing cycle monthly or every 30 days?',
  ],
  questions: [
    {
      ask: 'Did you change your plan or add users during the last month?',
      answers: ['We added two users last week.', "A colleague may have, I'm not sure."],
    },
    {
      ask: 'Was the charge on the card ending in {last4}?',
      answers: ["Yes, that's the one.", 'Yes, the company card.'],
    },
  ],
  resolve: [
    "I've checked your account: two users were added mid-cycle, and we charge the prorated difference for them right away, which was {amount}. From next month you'll get one charge on your usual date.",
    "I've moved your billing date to the 1st. The next invoice covers the days in between, so it will be a little lower once.",
  ],
  informational: true,
  escalate: [
    "I can't see why that amount was charged, so I've asked our billing team to look into it (case {case}). If it was a mistake, it will be refunded in full.",
  ],
}

export const discountCode: Script = {
  topic: 'discount-code',
  titles: [
    'Discount code rejected',
    'Discount code {code} not working',
    'Problem with code {code}',
  ],
  open: [
    'The code {code} says "This code is not valid" at checkout. I got it in your newsletter yesterday.',
    "Hi, I'm trying to use {code} on a {product} but the discount doesn't apply.",
    "Your code {code} doesn't work. It says it has expired, but the email said it's valid until Sunday.",
  ],
  questions: [
    {
      ask: "What's in your basket at the moment? Some items are excluded from promotions.",
      answers: ['Just the {product}.', 'The {product} and two pairs of socks.'],
    },
    {
      ask: 'Are you logged in with the same email the newsletter was sent to?',
      answers: ['Yes, same email.', 'Ah, maybe not, I have two accounts.'],
    },
  ],
  resolve: [
    "The code was limited to the email it was sent to, so I've applied the discount to your account directly. You'll see it at checkout now.",
    "You're right, the code was set to expire too early. Sorry! I've fixed it; please refresh the checkout page and enter {code} again.",
  ],
  escalate: [
    "I can't override the code myself, but I've asked our marketing team to check it (case {case}). If they confirm it, we'll refund the difference after you order.",
  ],
}
