// English threads about orders: refunds, late parcels, addresses, sizes.
import type { Script } from './script.ts'

export const refund: Script = {
  topic: 'refund',
  titles: [
    'Refund request for order #{order}',
    'Refund request — order #{order}',
    'Refund not received for order #{order}',
  ],
  open: [
    "Hi, I sent back order #{order} ({product}) two weeks ago and still haven't received my refund of {amount}. Can you check what's going on?",
    'Hello — the tracking says my return for order #{order} reached your warehouse on Monday. When will I get the {amount} back?',
    "I returned order #{order} {days} days ago and the {amount} still isn't back on my card.",
  ],
  questions: [
    {
      ask: 'Which payment method did you use for the order: card, PayPal or a gift card?',
      answers: ['Card. A Visa ending in {last4}.', 'PayPal, same email as this account.'],
    },
    {
      ask: 'Did you use the prepaid return label from the parcel, or send it back yourself?',
      answers: [
        'The prepaid label, I dropped it off at a {courier} point.',
        'I sent it myself with {courier}, tracking number {tracking}.',
      ],
    },
    {
      ask: 'Could you confirm the email address the order was placed with?',
      answers: [
        "It's the one I'm logged in with now.",
        'The same as this account, I only have one.',
      ],
    },
  ],
  resolve: [
    "I found it: the return for order #{order} was checked in on Tuesday, but the refund was waiting for a manual approval. I've approved it now, so {amount} goes back to your original payment method within 3–5 business days.",
    'Your return arrived and the refund of {amount} was issued today. Depending on your bank it can take up to 5 business days to show on your statement.',
  ],
  escalate: [
    "The parcel was delivered to our warehouse but hasn't been checked in yet, so I can't release the refund myself. I've escalated it to our returns team (case {case}); they'll email you within 24 hours.",
  ],
}

export const shippingDelay: Script = {
  topic: 'shipping-delay',
  titles: [
    'Shipping delay — order #{order}',
    'Order #{order} not delivered yet',
    'Where is my parcel? (order #{order})',
  ],
  open: [
    "My order #{order} was supposed to arrive {days} days ago. The {courier} tracking hasn't moved since it left your warehouse.",
    'Hi, order #{order} still hasn\'t arrived. Tracking number {tracking} just says "in transit". I need the {product} by the weekend.',
    "Hello, I'm still waiting for order #{order}. {courier} says it was handed over to them, but nothing since.",
  ],
  questions: [
    {
      ask: 'Could you confirm the delivery address on the order is still correct?',
      answers: [
        'Yes, same address as always.',
        "Yes — though the flat number is missing, it's flat 4.",
      ],
    },
    {
      ask: 'Did the courier leave a card, or could a neighbour have taken the parcel in?',
      answers: ['No card, nothing. I asked my neighbours too.', 'Nothing in the letterbox, no.'],
    },
  ],
  resolve: [
    'I checked with {courier}: the parcel was held at their depot because of a sorting error and went out for delivery this morning. You should have it by tomorrow at the latest.',
    "I'm afraid the parcel is lost. I've sent order #{order} again by express, free of charge, and you'll get the new tracking number by email within the hour.",
  ],
  escalate: [
    "The tracking shows an address problem I can't fix from here. I've opened an investigation with {courier} (case {case}); it usually takes 2 business days and we'll keep you posted by email.",
  ],
}

export const deliveryAddress: Script = {
  topic: 'delivery-address',
  titles: [
    'Change of delivery address',
    'Change delivery address for order #{order}',
    'Wrong address on order #{order}',
  ],
  open: [
    "I just placed order #{order} and noticed it's going to my old address. Can you change it to my new one in {city}?",
    "Hi! Can I still change the delivery address for order #{order}? I'll be at my parents' in {city} next week.",
    'Please change the address on order #{order}, I made a typo in the street name.',
  ],
  questions: [
    {
      ask: 'What is the full new address, including the postcode?',
      answers: [
        "It's in my profile now, I've just updated it there.",
        '14 Harbour Street, {city}. Sorry, should have said that right away.',
      ],
    },
    {
      ask: 'Would a pickup point work for you instead? That is often faster.',
      answers: ['No, to the house please.', "A pickup point is fine if it's near {city} centre."],
    },
  ],
  resolve: [
    "All set: order #{order} hadn't been packed yet, so I've changed the address. You'll get a new confirmation email in a minute.",
    "The parcel has already been handed to {courier}, but I've asked them to redirect it. That adds about a day to the delivery.",
  ],
  escalate: [
    "The order has already left our warehouse, so I can't change it myself. I've asked our shipping team to request a redirect from {courier} (case {case}); they'll confirm by email.",
  ],
}

export const wrongSize: Script = {
  topic: 'wrong-size',
  titles: [
    'Wrong size delivered',
    'Wrong size delivered — order #{order}',
    'Received size {otherSize} instead of {size}',
  ],
  open: [
    'I ordered the {garment} in size {size} (order #{order}) but received size {otherSize}. Can you swap it?',
    'Hi, order #{order} arrived, but the {garment} is size {otherSize}, not the {size} I ordered.',
    "The label says {otherSize} but my order #{order} clearly says {size}. The {garment} doesn't fit at all.",
  ],
  questions: [
    {
      ask: 'Is the item unworn, with the tags still on?',
      answers: ['Yes, I only tried it on.', 'Yes, tags still on, in the original bag.'],
    },
    {
      ask: 'Would you prefer an exchange for size {size} or a refund?',
      answers: ['An exchange please, I really like it.', 'An exchange, if you still have it.'],
    },
  ],
  resolve: [
    "So sorry about the mix-up! I've emailed you a free {courier} return label. As soon as the parcel is scanned we'll ship size {size}, or refund you if you prefer.",
    "I've reserved a {garment} in size {size} for you and it ships today. Please send the wrong one back within 30 days with the label in the box.",
  ],
  escalate: [
    "Size {size} is sold out right now, so I can't exchange it directly. I've asked our warehouse team to check incoming stock (case {case}); they'll email you with options.",
  ],
}
