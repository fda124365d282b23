// German threads. "Rücksendeetikett" is said only in messages, never in a title.
import type { LanguagePack } from './script.ts'

const euro = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`

export const german: LanguagePack = {
  language: 'de',
  share: 0.05,
  scripts: [
    {
      topic: 'refund',
      titles: ['Rückerstattung für Bestellung #{order}', 'Erstattung zu Bestellung #{order} fehlt'],
      open: [
        'Hallo, ich habe Bestellung #{order} vor zwei Wochen zurückgeschickt und die Erstattung über {amount} ist noch nicht da. Können Sie das prüfen?',
        'Guten Tag, die {product} aus Bestellung #{order} ist laut Sendungsverfolgung bei Ihnen angekommen. Wann bekomme ich die {amount} zurück?',
      ],
      questions: [
        {
          ask: 'Wie haben Sie bezahlt: mit Karte, PayPal oder auf Rechnung?',
          answers: [
            'Mit Karte, Visa mit den Endziffern {last4}.',
            'Per PayPal, gleiche E-Mail wie hier.',
          ],
        },
        {
          ask: 'Haben Sie das Rücksendeetikett aus dem Paket verwendet?',
          answers: [
            'Ja, ich habe das Paket bei {courier} abgegeben.',
            'Nein, ich habe selbst mit {courier} verschickt, Sendungsnummer {tracking}.',
          ],
        },
      ],
      resolve: [
        'Ich habe es gefunden: Die Rücksendung zu Bestellung #{order} ist eingegangen, aber die Erstattung wartete auf eine Freigabe. Die habe ich jetzt erteilt, die {amount} sind in 3–5 Werktagen wieder auf Ihrem Konto.',
        'Ihre Rücksendung ist angekommen und die Erstattung über {amount} wurde heute veranlasst. Je nach Bank dauert es bis zu 5 Werktage.',
      ],
      escalate: [
        'Das Paket ist in unserem Lager angekommen, wurde aber noch nicht erfasst. Ich habe den Fall an unser Retourenteam gegeben (Fall {case}); Sie hören innerhalb von 24 Stunden von uns.',
      ],
    },
    {
      topic: 'shipping-delay',
      titles: [
        'Lieferverzögerung – Bestellung #{order}',
        'Bestellung #{order} noch nicht angekommen',
      ],
      open: [
        'Meine Bestellung #{order} sollte schon vor {days} Tagen ankommen. Die Sendungsverfolgung von {courier} hat sich seit dem Versand nicht bewegt.',
        'Hallo, Bestellung #{order} ist immer noch nicht da. Sendungsnummer {tracking}, Status „in Zustellung“ seit Tagen. Ich brauche die {product} bis Samstag.',
      ],
      questions: [
        {
          ask: 'Ist die Lieferadresse in der Bestellung noch korrekt?',
          answers: ['Ja, die Adresse stimmt.', 'Ja, nur am Briefkasten steht noch der alte Name.'],
        },
        {
          ask: 'Haben Sie eine Benachrichtigungskarte bekommen, oder hat vielleicht ein Nachbar das Paket angenommen?',
          answers: [
            'Nein, keine Karte, und die Nachbarn haben nichts.',
            'Nichts im Briefkasten, leider.',
          ],
        },
      ],
      resolve: [
        'Ich habe bei {courier} nachgefragt: Das Paket lag wegen eines Sortierfehlers im Depot und ist heute Morgen in die Zustellung gegangen. Sie sollten es spätestens morgen haben.',
        'Das Paket ist leider verloren gegangen. Ich habe Bestellung #{order} kostenlos per Express neu verschickt; die neue Sendungsnummer kommt per E-Mail.',
      ],
      escalate: [
        'Die Sendungsverfolgung zeigt ein Adressproblem, das ich von hier nicht lösen kann. Ich habe einen Nachforschungsauftrag bei {courier} gestellt (Fall {case}); das dauert meist 2 Werktage.',
      ],
    },
    {
      topic: 'wrong-size',
      titles: ['Falsche Größe geliefert', 'Falsche Größe – Bestellung #{order}'],
      open: [
        'Ich habe die {garment} in Größe {size} bestellt (Bestellung #{order}), bekommen habe ich aber {otherSize}. Können Sie sie umtauschen?',
        'Hallo, Bestellung #{order} ist da, aber die {garment} ist eine {otherSize} statt {size}.',
      ],
      questions: [
        {
          ask: 'Ist der Artikel ungetragen und das Etikett noch dran?',
          answers: [
            'Ja, nur einmal anprobiert.',
            'Ja, Etikett ist dran, noch in der Originaltüte.',
          ],
        },
        {
          ask: 'Möchten Sie die richtige Größe oder lieber eine Erstattung?',
          answers: [
            'Bitte umtauschen, das Teil gefällt mir.',
            'Umtausch, wenn die Größe noch da ist.',
          ],
        },
      ],
      resolve: [
        'Entschuldigen Sie die Verwechslung! Ich habe Ihnen ein kostenloses Rücksendeetikett von {courier} per E-Mail geschickt. Sobald das Paket gescannt ist, schicken wir Größe {size} oder erstatten den Betrag, wenn Ihnen das lieber ist.',
        'Ich habe eine {garment} in Größe {size} für Sie reserviert, sie geht heute raus. Bitte schicken Sie die falsche innerhalb von 30 Tagen mit dem beiliegenden Etikett zurück.',
      ],
      escalate: [
        'Größe {size} ist gerade ausverkauft. Ich habe unser Lagerteam gebeten, den Wareneingang zu prüfen (Fall {case}); Sie bekommen eine E-Mail mit den Möglichkeiten.',
      ],
    },
    {
      topic: 'password-reset',
      titles: ['Passwort zurücksetzen funktioniert nicht', 'Kann mein Passwort nicht zurücksetzen'],
      open: [
        'Ich habe dreimal ein neues Passwort angefordert, aber der Link sagt immer „Dieser Link ist abgelaufen“. Ich klicke ihn sofort an.',
        'Hallo, ich habe mein Passwort vergessen und die E-Mail zum Zurücksetzen kommt nicht an. Den Spam-Ordner habe ich geprüft.',
      ],
      questions: [
        {
          ask: 'Welche E-Mail-Adresse ist in Ihrem Konto hinterlegt?',
          answers: ['Die, von der ich gerade schreibe.', 'Wahrscheinlich meine Firmenadresse.'],
        },
        {
          ask: 'Welchen Browser verwenden Sie?',
          answers: [
            'Safari auf dem iPhone.',
            'Chrome unter Windows, Firefox habe ich auch probiert.',
          ],
        },
      ],
      resolve: [
        'Ich habe Ihnen einen neuen Link geschickt, der 24 Stunden gültig ist. Bitte öffnen Sie ihn in einem normalen Browserfenster.',
        'Ich habe das Zurücksetzen von unserer Seite angestoßen: Sie bekommen statt eines Links einen Einmalcode per E-Mail. Geben Sie ihn auf der Anmeldeseite unter „Passwort vergessen“ ein.',
      ],
      escalate: [
        'Ihr Mailserver weist unsere E-Mails ab. Ich habe unser Technikteam eingeschaltet (Fall {case}); es meldet sich bei Ihnen.',
      ],
    },
    {
      topic: 'invoice-vat',
      titles: ['USt-IdNr. fehlt auf Rechnung {invoice}', 'Rechnung {invoice} ohne Umsatzsteuer-ID'],
      open: [
        'Hallo, auf Rechnung {invoice} fehlt unsere USt-IdNr., deshalb kann unsere Buchhaltung sie nicht verbuchen. Unsere Nummer ist {vat}.',
        'Guten Tag, bitte stellen Sie Rechnung {invoice} mit unserer Umsatzsteuer-ID {vat} neu aus.',
      ],
      questions: [
        {
          ask: 'Sollen Firmenname und Anschrift auf der Rechnung so bleiben?',
          answers: ['Ja, es fehlt nur die Nummer.', 'Bitte noch „z. Hd. Buchhaltung“ ergänzen.'],
        },
        {
          ask: 'Soll die Nummer auch auf allen künftigen Rechnungen stehen?',
          answers: ['Ja, bitte auf allen.', 'Ja, das würde uns viel Arbeit sparen.'],
        },
      ],
      resolve: [
        'Erledigt: Ich habe {vat} in Ihrem Rechnungsprofil ergänzt und Rechnung {invoice} neu ausgestellt. Sie finden das PDF unter Einstellungen → Abrechnung → Rechnungen.',
        'Ich habe {invoice} mit Ihrer USt-IdNr. neu ausgestellt und die alte Rechnung storniert. Künftige Rechnungen enthalten die Nummer automatisch.',
      ],
      escalate: [
        'Rechnungen aus einem abgeschlossenen Buchungszeitraum kann nur unsere Finanzabteilung korrigieren. Ich habe es weitergegeben (Fall {case}); Sie erhalten die Rechnung innerhalb von 3 Werktagen.',
      ],
    },
  ],
  phrasebook: {
    greetings: [
      'Hallo, danke für Ihre Nachricht!',
      'Guten Tag! Ich bin der virtuelle Assistent und helfe Ihnen gern.',
      'Hallo und danke, dass Sie sich melden!',
    ],
    acks: [
      'Danke!',
      'Verstanden, vielen Dank.',
      'Danke für die Rückmeldung.',
      'Alles klar, danke.',
    ],
    questions: [
      {
        ask: 'Könnten Sie mir einen Screenshot schicken?',
        answers: ['Klar, hier: [Screenshot angehängt]', 'Habe ich gerade geschickt.'],
      },
      {
        ask: 'Einen Moment bitte, ich prüfe das. Sind Sie noch da?',
        answers: ['Ja, bin noch da.', 'Klar, kein Problem.'],
      },
    ],
    followUps: [
      {
        ask: 'Könnten Sie bitte noch einmal prüfen, ob sich bei Ihnen etwas geändert hat?',
        answers: ['Nein, alles wie vorher.', 'Leider immer noch dasselbe.'],
      },
      {
        ask: 'Ich sehe mir das weiter an, danke für Ihre Geduld.',
        answers: ['Kein Problem.', 'Okay, danke.'],
      },
      {
        ask: 'Ich frage kurz bei einer Kollegin nach, einen Moment.',
        answers: ['Okay.', 'Gut, ich warte.'],
      },
    ],
    thanks: ['Super, vielen Dank!', 'Perfekt, hat geklappt. Danke!', 'Danke, das ging schnell 🙏'],
    waiting: ['Okay, dann warte ich auf die E-Mail. Danke.', 'Gut. Bitte melden Sie sich bald.'],
    stuck: ['Hm, es funktioniert immer noch nicht.', 'Habe es probiert, leider ohne Erfolg.'],
    welcome: [
      'Gern geschehen! Kann ich sonst noch etwas für Sie tun?',
      'Sehr gern. Einen schönen Tag noch!',
    ],
    handover: [
      'Das tut mir leid. Ich habe Ihr Anliegen an eine Kollegin weitergegeben (Fall {case}); sie meldet sich innerhalb eines Werktags per E-Mail.',
    ],
    back: [
      'Hallo nochmal, das Problem ist wieder da. Können Sie noch einmal nachsehen?',
      'Guten Tag, leider ist es heute wieder passiert.',
    ],
    reopen: [
      'Das tut mir leid! Ich habe Ihren Fall ({case}) wieder geöffnet; ein Kollege kümmert sich heute darum.',
    ],
    late: ['Entschuldigung für die späte Antwort! ', 'Sorry, habe es erst jetzt gesehen. '],
  },
  words: {
    products: ['Regenjacke', 'Schreibtischlampe', 'Kaffeemühle', 'Thermoskanne'],
    garments: ['Regenjacke', 'Fleecejacke', 'Softshelljacke'],
    cities: ['Köln', 'Leipzig', 'München', 'Würzburg'],
    vatPrefix: 'DE',
    money: euro,
  },
}
