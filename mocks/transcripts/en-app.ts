// English threads about the app itself: uploads, crashes and wishes.
import type { Script } from './script.ts'

export const upload: Script = {
  topic: 'upload',
  titles: ['Cannot upload files', 'Upload fails for {file}', 'File upload error ({file})'],
  open: [
    'Every time I try to upload {file} ({megabytes} MB) I get "Upload failed: {error}". Smaller files work.',
    'Uploads stopped working for me today. {file} gets to 99% and then shows {error}.',
    "Hi, I can't upload {file} anymore, the app just says {error} and nothing happens.",
  ],
  questions: [
    {
      ask: 'Are you uploading from the website or from the mobile app?',
      answers: ['From the website, in Chrome.', 'From the app on my {device}.'],
    },
    {
      ask: 'Does the same happen with a different file, for example a small PDF?',
      answers: ['A small PDF works, only {file} fails.', 'Everything fails now, even tiny files.'],
    },
  ],
  resolve: [
    "I've looked at the logs for your account: the upload was rejected by a limit that was set too low for your plan. I've raised it, so please try again.",
    'We had a problem with one of our upload servers this morning and it is fixed now. Please try {file} again; it should go through.',
  ],
  escalate: [
    "I can see the failed uploads in our logs but not why they fail. I've sent them to our engineers (case {case}) and will email you as soon as they know more.",
  ],
}

export const featureRequest: Script = {
  topic: 'feature-request',
  titles: ['Feature request: {feature}', 'Feature request — {feature}', 'Suggestion: {feature}'],
  open: [
    "Any plans to add {feature}? It's the one thing I miss.",
    "Feature request: {feature}. We'd use it every day.",
    'Hi! Love the app, but {feature} would make it so much better for us.',
  ],
  questions: [
    {
      ask: "How would you use it day to day? I'll add your notes to the request.",
      answers: [
        'Mostly for our weekly planning, with the whole team.',
        'Every day, honestly. It would save me a lot of clicks.',
      ],
    },
    {
      ask: 'Are you using the web app, the mobile app, or both?',
      answers: ['Both, but mostly the web app.', 'Only the app on my {device}.'],
    },
  ],
  resolve: [
    "I've added your vote to the request for {feature}. It's on our roadmap for this year, and you'll get an email when it ships.",
    "Good news: {feature} is in beta right now. I've enabled it for your account; reload the page and you'll find it under Settings → Labs.",
  ],
  informational: true,
  escalate: [
    "I've passed your request on to our product team with your notes (ref {case}). They read every one, though I can't promise a date.",
  ],
}

export const appCrash: Script = {
  topic: 'app-crash',
  titles: [
    'App crashes on startup',
    'App crashes after update to {version}',
    'App keeps crashing on my {device}',
  ],
  open: [
    'Since the update to {version} the app crashes right after the splash screen on my {device}.',
    "The app closes immediately when I open it. {device}, app version {version}. Reinstalling didn't help.",
    "Hi, the app keeps crashing on my {device}. I'm on version {version}, and it worked fine last week.",
  ],
  questions: [
    {
      ask: 'Does it crash right away, or after you log in?',
      answers: [
        "Right away, I don't even see the login screen.",
        'After I log in, when it loads my dashboard.',
      ],
    },
    {
      ask: 'Could you try this:\n1. Close the app completely\n2. Turn the phone off and on\n3. Open the app while on Wi-Fi\nDoes it still crash?',
      answers: ['Done all three. Still crashes.', 'That worked once, then it crashed again.'],
    },
    {
      ask: "Is your phone's system up to date?",
      answers: [
        'Yes, I installed the latest update yesterday.',
        "I'm one version behind, I think.",
      ],
    },
    {
      ask: "Could you clear the app's cache? On Android: Settings → Apps → our app → Storage → Clear cache. On iPhone: offload the app and install it again.",
      answers: ['Yes, no change.', 'Just did it, same crash.'],
    },
  ],
  resolve: [
    "That's a known bug in {version} on some devices. A fix is out now: please update the app from the store and it will open normally.",
    "I've found the crash report: a corrupted offline cache on your account. I've cleared it from our side, so please open the app again; the first start takes a little longer.",
  ],
  escalate: [
    "I've sent your crash details to our mobile team (case {case}). They're working on a fix; meanwhile the web app works normally in your phone's browser.",
  ],
}
