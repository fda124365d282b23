// English: most of the mock's conversations, and every topic.
import { accountLocked, exportData, passwordReset, twoFactor } from './en-account.ts'
import { appCrash, featureRequest, upload } from './en-app.ts'
import {
  billingCycle,
  discountCode,
  invoiceVat,
  pricing,
  subscriptionCancelled,
} from './en-billing.ts'
import { deliveryAddress, refund, shippingDelay, wrongSize } from './en-orders.ts'
import type { LanguagePack } from './script.ts'

export const english: LanguagePack = {
  language: 'en',
  share: 0.7,
  scripts: [
    refund,
    passwordReset,
    pricing,
    shippingDelay,
    upload,
    invoiceVat,
    deliveryAddress,
    twoFactor,
    subscriptionCancelled,
    featureRequest,
    appCrash,
    wrongSize,
    discountCode,
    exportData,
    accountLocked,
    billingCycle,
  ],
  phrasebook: {
    greetings: [
      'Hi, thanks for reaching out!',
      "Hello! I'm the virtual assistant and happy to help.",
      'Hi! Thanks for your message.',
      'Thanks for contacting us!',
    ],
    acks: ['Thanks!', 'Got it, thank you.', 'Thanks for checking.', 'That helps, thanks.', 'OK.'],
    questions: [
      {
        ask: 'Could you send me a screenshot of what you see?',
        answers: ['Sure, here it is: [screenshot attached]', 'Sent it just now.'],
      },
      {
        ask: "One moment please, I'm checking that on our side. Are you still there?",
        answers: ['Yes, still here.', 'Sure, take your time.'],
      },
      {
        ask: 'Just to be sure: is the email on your account the one you are writing from?',
        answers: ["Yes, that's the one.", 'Yes.'],
      },
    ],
    followUps: [
      {
        ask: 'Could you check once more whether anything has changed on your side?',
        answers: ['Nothing has changed.', 'Still the same, unfortunately.'],
      },
      {
        ask: "I'm still looking into this, thanks for your patience.",
        answers: ['No problem.', 'OK, thanks.', 'Any news yet?'],
      },
      {
        ask: 'Let me check this with a colleague, one moment.',
        answers: ['OK.', "Sure, I'll wait."],
      },
      {
        ask: "I've added a note to your case so nothing gets lost.",
        answers: ['Thanks.', 'Good, thank you.'],
      },
      {
        ask: 'Is there anything else I should know about this?',
        answers: ["No, I think that's everything.", "Not really, that's it."],
      },
    ],
    thanks: [
      'Great, thank you so much!',
      'Perfect, that worked. Thanks!',
      'Thanks, that was quick 🙏',
      'Brilliant, thanks for sorting that out.',
    ],
    waiting: [
      "OK, I'll wait for the email. Thanks.",
      'Alright. Please make sure someone gets back to me soon.',
    ],
    stuck: ["Hmm, it still doesn't work for me.", "I tried, but nothing's changed."],
    welcome: [
      "You're welcome! Is there anything else I can help with?",
      'Happy to help. Have a great day!',
      'Glad I could help! 😊',
    ],
    handover: [
      "Sorry about that. I've passed your conversation to a colleague (case {case}), who will email you within one business day.",
    ],
    back: [
      'Hi again, the same problem is back. Can you take another look?',
      'Hello, me again. This happened again today, unfortunately.',
    ],
    reopen: [
      "Sorry to hear that! I've reopened your case ({case}) and a colleague will look into it today.",
      "Thanks for letting us know. I've reopened the case and added today's details.",
    ],
    late: ['Sorry for the slow reply! ', 'Sorry, only saw this now. '],
  },
  words: {
    products: [
      'rain jacket',
      'desk lamp',
      'coffee grinder',
      'hiking backpack',
      'pair of headphones',
    ],
    garments: ['rain jacket', 'fleece jacket', 'pair of hiking trousers', 'merino jumper'],
    cities: ['Leeds', 'Bristol', 'Austin', 'Dublin', 'Melbourne'],
    features: [
      'dark mode',
      'a calendar export',
      'bulk editing',
      'two-way Slack sync',
      'offline mode',
    ],
    vatPrefix: 'GB',
    money: (cents) => `$${(cents / 100).toFixed(2)}`,
  },
}
