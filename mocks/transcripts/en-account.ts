// English threads about signing in and the account's data.
import type { Script } from './script.ts'

export const passwordReset: Script = {
  topic: 'password-reset',
  titles: ['Password reset not working', 'Cannot reset my password', 'Problem resetting password'],
  open: [
    'I requested a password reset three times and the link always says "This link has expired". I\'m clicking it within a minute.',
    "Hi, I forgot my password and the reset email never arrives. I've checked spam too.",
    'The password reset page says "Something went wrong (code 500)" after I type the new password. What can I do?',
  ],
  questions: [
    {
      ask: "Which email address is on your account? I'll check whether the reset emails were sent.",
      answers: [
        "It should be the one I'm writing from.",
        "Probably my work address, I'm not sure.",
      ],
    },
    {
      ask: 'Which browser are you using?',
      answers: ['Safari on an iPhone.', 'Chrome on Windows, and I tried Firefox too.'],
    },
    {
      ask: 'Is it a company email? Some company mail filters open links to scan them, which uses them up.',
      answers: ["Yes, it's my company mail.", "No, it's a Gmail address."],
    },
  ],
  resolve: [
    "I've sent you a fresh reset link that stays valid for 24 hours. Please open it in a regular browser window, not in your mail app's preview.",
    'I\'ve reset it from our side: you\'ll get an email with a one-time code instead of a link. Enter it on the login page under "Forgot password" and choose a new password.',
  ],
  escalate: [
    "Your mail server is rejecting our emails. I've asked our technical team to look at it (case {case}); they can also change the email on your account if you reply from another address.",
  ],
}

export const twoFactor: Script = {
  topic: 'two-factor',
  titles: ['Two-factor code never arrives', '2FA code not received', 'Cannot log in: no 2FA code'],
  open: [
    "I'm trying to log in but the two-factor code by SMS never arrives. I've tried five times.",
    "Hi, I got a new phone ({device}) and now I don't get the 2FA code anymore. I'm locked out.",
    "The login asks for a 6-digit code but no text message comes. My number hasn't changed.",
  ],
  questions: [
    {
      ask: 'Could you tell me the last four digits of the phone number on your account?',
      answers: ['{last4}.', 'It should end in {last4}, yes.'],
    },
    {
      ask: 'Do you still have the backup codes you saved when you turned on two-factor authentication?',
      answers: ['No, I never saved them 🙈', "I think so, but they're on my old laptop."],
    },
  ],
  resolve: [
    "Your carrier was blocking our messages, so I've switched your account to voice calls for now: request a new code and you'll get a call within a minute.",
    "I've verified your identity and reset two-factor authentication on your account. Log in with your password and set it up again; an authenticator app is the most reliable option.",
  ],
  escalate: [
    "For your security, resetting two-factor authentication needs an identity check by a colleague. I've opened case {case}; you'll get an email with the next steps within a few hours.",
  ],
}

export const accountLocked: Script = {
  topic: 'account-locked',
  titles: ['Account locked', 'My account is locked', 'Locked out of my account'],
  open: [
    'My account says "Locked after too many failed sign-in attempts". I haven\'t tried to log in for days, so it wasn\'t me.',
    "Hi, I'm locked out of my account. I typed my password wrong a few times and now it's blocked.",
    "Account locked! I need to download an invoice today and I can't get in.",
  ],
  questions: [
    {
      ask: "To verify it's you: what was the number of your last order?",
      answers: ['I think it was #{order}.', 'Order #{order}, last month.'],
    },
    {
      ask: 'Do you remember roughly when you last logged in successfully?',
      answers: ['Yesterday morning.', 'About a week ago.'],
    },
  ],
  resolve: [
    "I've checked your account details and unlocked it, and sent you a link to set a new password, just to be safe.",
    "Your account is unlocked. The lock came from sign-in attempts from another country, so I've also signed out all other devices. Please change your password after you log in.",
  ],
  escalate: [
    "Because the failed attempts came from an unknown location, our security team needs to review this before unlocking (case {case}). They'll email you within a few hours.",
  ],
}

export const exportData: Script = {
  topic: 'export-data',
  titles: ['How do I export my data?', 'Exporting my data', 'Export of my account data'],
  open: [
    'How do I export all my data? I need a copy of everything for our records.',
    "Hi, we're moving to another tool and need an export of all our projects and files.",
    'Is there a way to download all my data as CSV or JSON?',
  ],
  questions: [
    {
      ask: 'Do you need everything, or only certain projects?',
      answers: ['Everything, please.', 'Only the projects from this year.'],
    },
    {
      ask: 'Which format works best for you: CSV for spreadsheets, or JSON?',
      answers: ["CSV please, it's for Excel.", 'JSON, our developers will import it.'],
    },
  ],
  resolve: [
    "You can do it yourself under Settings → Privacy → Export data. Choose the format and we'll email you a download link, usually within 15 minutes.",
    "I've started the export for you. The download link will arrive by email within the hour and stays valid for 7 days.",
  ],
  escalate: [
    "Your account is quite large, so the export has to be prepared by our data team. I've requested it (case {case}); you'll get a download link within 2 business days.",
  ],
}
