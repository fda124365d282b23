// French threads.
import type { LanguagePack } from './script.ts'

export const french: LanguagePack = {
  language: 'fr',
  share: 0.05,
  scripts: [
    {
      topic: 'refund',
      titles: [
        'Demande de remboursement – commande n° {order}',
        'Remboursement de la commande n° {order}',
      ],
      open: [
        "Bonjour, j'ai renvoyé la commande n° {order} il y a deux semaines et je n'ai toujours pas reçu le remboursement de {amount}. Pouvez-vous vérifier ?",
        "Bonjour, d'après le suivi, mon retour pour la commande n° {order} ({product}) est arrivé chez vous lundi. Quand vais-je récupérer mes {amount} ?",
      ],
      questions: [
        {
          ask: 'Avec quel moyen de paiement avez-vous réglé : carte, PayPal ou carte cadeau ?',
          answers: [
            'Par carte, une Visa se terminant par {last4}.',
            'Par PayPal, avec la même adresse e-mail.',
          ],
        },
        {
          ask: "Avez-vous utilisé l'étiquette de retour prépayée ?",
          answers: [
            "Oui, j'ai déposé le colis dans un point {courier}.",
            "Non, je l'ai envoyé moi-même avec {courier}, numéro de suivi {tracking}.",
          ],
        },
      ],
      resolve: [
        "Je l'ai trouvé : le retour de la commande n° {order} a bien été reçu, mais le remboursement attendait une validation manuelle. C'est fait, les {amount} seront recrédités sous 3 à 5 jours ouvrés.",
        "Votre retour est arrivé et le remboursement de {amount} a été émis aujourd'hui. Selon votre banque, comptez jusqu'à 5 jours ouvrés.",
      ],
      escalate: [
        "Le colis est bien arrivé à notre entrepôt, mais il n'a pas encore été contrôlé. J'ai transmis le dossier à notre service retours ({case}) ; vous aurez une réponse sous 24 heures.",
      ],
    },
    {
      topic: 'delivery-address',
      titles: ["Changement d'adresse de livraison", "Modifier l'adresse de la commande n° {order}"],
      open: [
        'Je viens de passer la commande n° {order} et elle part à mon ancienne adresse. Pouvez-vous la changer pour ma nouvelle adresse à {city} ?',
        "Bonjour ! Est-il encore possible de modifier l'adresse de livraison de la commande n° {order} ? Je serai chez mes parents à {city} la semaine prochaine.",
      ],
      questions: [
        {
          ask: 'Quelle est la nouvelle adresse complète, avec le code postal ?',
          answers: [
            'Je viens de la mettre à jour dans mon profil.',
            "12 rue des Lilas, {city}. Désolé, j'aurais dû le dire tout de suite.",
          ],
        },
        {
          ask: "Préférez-vous une livraison en point relais ? C'est souvent plus rapide.",
          answers: ["Non, à domicile s'il vous plaît.", "Un point relais, c'est parfait."],
        },
      ],
      resolve: [
        "C'est fait : la commande n° {order} n'était pas encore emballée, j'ai donc modifié l'adresse. Vous allez recevoir un nouvel e-mail de confirmation.",
        'Le colis a déjà été remis à {courier}, mais je leur ai demandé de le réacheminer. Comptez environ un jour de plus.',
      ],
      escalate: [
        'La commande a déjà quitté notre entrepôt, je ne peux donc pas la modifier moi-même. Notre équipe logistique va demander une réexpédition à {courier} (dossier {case}) et vous confirmera par e-mail.',
      ],
    },
    {
      topic: 'discount-code',
      titles: ['Code promo refusé', 'Le code {code} ne fonctionne pas'],
      open: [
        "Le code {code} affiche « Ce code n'est pas valide » au moment de payer. Je l'ai reçu hier dans votre newsletter.",
        "Bonjour, j'essaie d'utiliser le code {code} mais la réduction ne s'applique pas à mon panier.",
      ],
      questions: [
        {
          ask: "Qu'y a-t-il dans votre panier ? Certains articles sont exclus des promotions.",
          answers: [
            'Un seul article, déjà soldé je crois.',
            'Deux articles de la nouvelle collection.',
          ],
        },
        {
          ask: "Êtes-vous connecté avec l'adresse e-mail qui a reçu la newsletter ?",
          answers: ['Oui, la même adresse.', "Ah, peut-être pas, j'ai deux comptes."],
        },
      ],
      resolve: [
        "Le code était réservé à l'adresse qui l'a reçu. J'ai appliqué la réduction directement sur votre compte : vous la verrez au paiement.",
        "Vous avez raison, le code expirait trop tôt, désolé ! C'est corrigé : actualisez la page de paiement et saisissez à nouveau {code}.",
      ],
      escalate: [
        "Je ne peux pas forcer le code moi-même, mais j'ai demandé à notre équipe marketing de vérifier (dossier {case}). S'ils le confirment, nous vous rembourserons la différence.",
      ],
    },
    {
      topic: 'app-crash',
      titles: ["L'application plante au démarrage", "L'application plante sur mon {device}"],
      open: [
        "Depuis la mise à jour {version}, l'application se ferme juste après l'écran de démarrage sur mon {device}.",
        "L'application plante dès que je l'ouvre. {device}, version {version}. La réinstaller n'a rien changé.",
      ],
      questions: [
        {
          ask: "Est-ce qu'elle plante tout de suite, ou après la connexion ?",
          answers: [
            "Tout de suite, je ne vois même pas l'écran de connexion.",
            'Après la connexion, quand le tableau de bord se charge.',
          ],
        },
        {
          ask: "Pourriez-vous essayer ceci :\n1. Fermer complètement l'application\n2. Redémarrer le téléphone\n3. Rouvrir l'application en Wi-Fi\nEst-ce qu'elle plante encore ?",
          answers: [
            "J'ai tout fait, elle plante toujours.",
            'Ça a marché une fois, puis elle a replanté.',
          ],
        },
      ],
      resolve: [
        "C'est un bug connu de la version {version} sur certains appareils. Un correctif est disponible : mettez l'application à jour depuis le store.",
        "J'ai trouvé le rapport de plantage : un cache hors ligne corrompu sur votre compte. Je l'ai vidé de notre côté ; rouvrez l'application, le premier chargement sera un peu plus long.",
      ],
      escalate: [
        "J'ai transmis les détails du plantage à notre équipe mobile (dossier {case}). En attendant, le site fonctionne normalement dans le navigateur de votre téléphone.",
      ],
    },
  ],
  phrasebook: {
    greetings: [
      'Bonjour, merci de nous avoir contactés !',
      "Bonjour ! Je suis l'assistant virtuel, je vais vous aider.",
      'Bonjour et merci pour votre message !',
    ],
    acks: ['Merci !', "C'est noté, merci.", 'Merci pour la vérification.', "D'accord, merci."],
    questions: [
      {
        ask: "Pourriez-vous m'envoyer une capture d'écran ?",
        answers: ['Bien sûr, la voici : [capture jointe]', "Je viens de l'envoyer."],
      },
      {
        ask: 'Un instant, je vérifie de mon côté. Vous êtes toujours là ?',
        answers: ['Oui, je suis là.', 'Pas de souci, prenez votre temps.'],
      },
    ],
    followUps: [
      {
        ask: 'Pourriez-vous vérifier encore une fois si quelque chose a changé de votre côté ?',
        answers: ["Non, rien n'a changé.", 'Toujours la même chose, malheureusement.'],
      },
      {
        ask: 'Je continue de regarder, merci pour votre patience.',
        answers: ['Pas de souci.', "D'accord, merci."],
      },
      {
        ask: "Je vérifie auprès d'un collègue, un instant.",
        answers: ["D'accord.", "Très bien, j'attends."],
      },
    ],
    thanks: ['Super, merci beaucoup !', 'Parfait, ça marche. Merci !', "Merci, c'était rapide 🙏"],
    waiting: [
      "D'accord, j'attends l'e-mail. Merci.",
      "Très bien. J'espère avoir une réponse rapidement.",
    ],
    stuck: ['Hmm, ça ne fonctionne toujours pas.', "J'ai essayé, mais rien n'a changé."],
    welcome: [
      'Avec plaisir ! Puis-je vous aider pour autre chose ?',
      'Je vous en prie. Bonne journée !',
    ],
    handover: [
      "Je suis désolé. J'ai transmis votre demande à un collègue (dossier {case}), qui vous répondra par e-mail sous un jour ouvré.",
    ],
    back: [
      'Re-bonjour, le problème est revenu. Pourriez-vous regarder à nouveau ?',
      "Bonjour, c'est encore moi : c'est arrivé de nouveau aujourd'hui.",
    ],
    reopen: [
      "Désolé de l'apprendre ! J'ai rouvert votre dossier ({case}) et un collègue s'en occupe aujourd'hui.",
    ],
    late: [
      'Désolé pour ma réponse tardive ! ',
      'Pardon, je viens seulement de voir votre message. ',
    ],
  },
  words: {
    products: ['veste de pluie', 'lampe de bureau', 'moulin à café', 'sac à dos'],
    cities: ['Lyon', 'Nantes', 'Bordeaux', 'Lille'],
    money: (cents) => `${(cents / 100).toFixed(2).replace('.', ',')} €`,
  },
}
