// Spanish threads.
import type { LanguagePack } from './script.ts'

export const spanish: LanguagePack = {
  language: 'es',
  share: 0.05,
  scripts: [
    {
      topic: 'shipping-delay',
      titles: ['Retraso en el envío del pedido #{order}', 'El pedido #{order} no ha llegado'],
      open: [
        'Mi pedido #{order} tenía que llegar hace {days} días. El seguimiento de {courier} no se ha movido desde que salió de vuestro almacén.',
        'Hola, el pedido #{order} todavía no ha llegado. El número de seguimiento {tracking} solo dice «en tránsito». Necesito la {product} para el fin de semana.',
      ],
      questions: [
        {
          ask: '¿Puedes confirmar que la dirección de entrega del pedido es correcta?',
          answers: ['Sí, es la de siempre.', 'Sí, aunque falta el piso: es 3.º B.'],
        },
        {
          ask: '¿Te han dejado algún aviso, o puede que un vecino haya recogido el paquete?',
          answers: ['Ningún aviso, y los vecinos no tienen nada.', 'Nada en el buzón, no.'],
        },
      ],
      resolve: [
        'He hablado con {courier}: el paquete se quedó en su almacén por un error de clasificación y ha salido a reparto esta mañana. Deberías tenerlo mañana como muy tarde.',
        'Me temo que el paquete se ha perdido. Te he enviado de nuevo el pedido #{order} por envío urgente, sin coste. Recibirás el nuevo número de seguimiento por correo.',
      ],
      escalate: [
        'El seguimiento muestra un problema con la dirección que no puedo resolver desde aquí. He abierto una investigación con {courier} (caso {case}); suele tardar 2 días laborables.',
      ],
    },
    {
      topic: 'refund',
      titles: ['Reembolso del pedido #{order}', 'Solicitud de reembolso – pedido #{order}'],
      open: [
        'Hola, devolví el pedido #{order} hace dos semanas y todavía no he recibido el reembolso de {amount}. ¿Podéis comprobarlo?',
        'Buenas, según el seguimiento la devolución del pedido #{order} llegó a vuestro almacén el lunes. ¿Cuándo me devolvéis los {amount}?',
      ],
      questions: [
        {
          ask: '¿Con qué método pagaste: tarjeta, PayPal o tarjeta regalo?',
          answers: [
            'Con tarjeta, una Visa que termina en {last4}.',
            'Con PayPal, con el mismo correo.',
          ],
        },
        {
          ask: '¿Usaste la etiqueta de devolución prepagada del paquete?',
          answers: [
            'Sí, lo dejé en un punto de {courier}.',
            'No, lo envié yo con {courier}, seguimiento {tracking}.',
          ],
        },
      ],
      resolve: [
        'Lo he encontrado: la devolución del pedido #{order} se registró, pero el reembolso estaba pendiente de aprobación manual. Ya lo he aprobado: recibirás {amount} en 3–5 días laborables.',
        'Tu devolución ha llegado y hoy hemos emitido el reembolso de {amount}. Según tu banco, puede tardar hasta 5 días laborables en aparecer.',
      ],
      escalate: [
        'El paquete llegó a nuestro almacén, pero aún no se ha revisado, así que no puedo liberar el reembolso. Lo he pasado al equipo de devoluciones (caso {case}); te escribirán en 24 horas.',
      ],
    },
    {
      topic: 'subscription-cancelled',
      titles: ['Suscripción cancelada por error', 'Recuperar mi plan {plan}'],
      open: [
        'Sin querer pulsé «Cancelar suscripción» en lugar de «Cambiar plan». ¿Podéis restaurar mi plan {plan}?',
        'Hola, ayer se canceló por error mi suscripción {plan} y ahora mi equipo no puede entrar.',
      ],
      questions: [
        {
          ask: '¿Quieres mantener la misma fecha de facturación?',
          answers: ['Sí, todo igual que antes.', '¿Podría pasar al día 1 de cada mes?'],
        },
        {
          ask: '¿Mantenemos el mismo número de usuarios?',
          answers: ['Sí, los mismos.', 'Sí, y si podéis, añadid dos más.'],
        },
      ],
      resolve: [
        '¡Hecho! Tu suscripción {plan} vuelve a estar activa con todos tus datos y ajustes; no se ha borrado nada. No se te cobrará dos veces este mes.',
        'He restaurado tu plan {plan}. Tu equipo ya puede entrar; quizá tengan que recargar la página.',
      ],
      escalate: [
        'La cancelación ya se procesó en nuestro proveedor de pagos, así que restaurarla le corresponde al equipo de facturación. He abierto el caso {case}; mientras tanto tus datos se conservan 30 días.',
      ],
    },
    {
      topic: 'two-factor',
      titles: ['No me llega el código de verificación', 'Código 2FA no recibido'],
      open: [
        'Intento iniciar sesión, pero el código de verificación por SMS nunca llega. Lo he intentado cinco veces.',
        'Hola, tengo un móvil nuevo ({device}) y ya no recibo el código 2FA. No puedo entrar.',
      ],
      questions: [
        {
          ask: '¿Me dices los cuatro últimos dígitos del teléfono de tu cuenta?',
          answers: ['{last4}.', 'Termina en {last4}, sí.'],
        },
        {
          ask: '¿Conservas los códigos de respaldo que guardaste al activar la verificación en dos pasos?',
          answers: ['No, nunca los guardé 🙈', 'Creo que sí, pero están en mi portátil viejo.'],
        },
      ],
      resolve: [
        'Tu operador estaba bloqueando nuestros SMS, así que he cambiado tu cuenta a llamada de voz: pide un código nuevo y te llamaremos en un minuto.',
        'He verificado tu identidad y he restablecido la verificación en dos pasos. Entra con tu contraseña y vuelve a configurarla; esta vez te recomiendo una app de autenticación.',
      ],
      escalate: [
        'Por seguridad, restablecer la verificación en dos pasos requiere que un compañero compruebe tu identidad. He abierto el caso {case}; recibirás un correo con los pasos en unas horas.',
      ],
    },
  ],
  phrasebook: {
    greetings: [
      '¡Hola, gracias por escribirnos!',
      '¡Hola! Soy el asistente virtual y te ayudo encantado.',
      '¡Hola! Gracias por tu mensaje.',
    ],
    acks: ['¡Gracias!', 'Entendido, gracias.', 'Gracias por comprobarlo.', 'Perfecto, gracias.'],
    questions: [
      {
        ask: '¿Podrías enviarme una captura de pantalla?',
        answers: ['Claro, aquí está: [captura adjunta]', 'Te la acabo de enviar.'],
      },
      {
        ask: 'Un momento, lo estoy revisando. ¿Sigues ahí?',
        answers: ['Sí, aquí sigo.', 'Claro, sin prisa.'],
      },
    ],
    followUps: [
      {
        ask: '¿Puedes comprobar otra vez si ha cambiado algo por tu parte?',
        answers: ['No, nada.', 'Sigue igual, por desgracia.'],
      },
      {
        ask: 'Sigo revisándolo, gracias por tu paciencia.',
        answers: ['No pasa nada.', 'Vale, gracias.'],
      },
      {
        ask: 'Lo consulto con un compañero, un momento.',
        answers: ['Vale.', 'De acuerdo, espero.'],
      },
    ],
    thanks: [
      '¡Genial, muchas gracias!',
      'Perfecto, ya funciona. ¡Gracias!',
      'Gracias, qué rapidez 🙏',
    ],
    waiting: ['Vale, espero el correo. Gracias.', 'De acuerdo. Espero que me contesten pronto.'],
    stuck: ['Mmm, sigue sin funcionar.', 'Lo he probado, pero no ha cambiado nada.'],
    welcome: ['¡De nada! ¿Puedo ayudarte con algo más?', 'Un placer. ¡Que tengas un buen día!'],
    handover: [
      'Lo siento. He pasado tu consulta a una compañera (caso {case}), que te escribirá por correo en un día laborable.',
    ],
    back: [
      'Hola de nuevo: el problema ha vuelto. ¿Podéis revisarlo otra vez?',
      'Hola, soy yo otra vez. Hoy ha vuelto a pasar.',
    ],
    reopen: ['¡Lo siento! He reabierto tu caso ({case}) y un compañero lo revisará hoy.'],
    late: ['¡Perdón por tardar en responder! ', 'Perdona, acabo de ver el mensaje. '],
  },
  words: {
    products: ['chaqueta impermeable', 'lámpara de escritorio', 'cafetera', 'mochila'],
    cities: ['Sevilla', 'Valencia', 'Málaga', 'Zaragoza'],
    money: (cents) => `${(cents / 100).toFixed(2).replace('.', ',')} €`,
  },
}
