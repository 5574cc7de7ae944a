// Every string a user reads, in French, in one place (DESIGN.md §2), so an
// English catalogue can be added later. Words are the ones AMAP members use.
// Pure data and small formatters: safe to import from pages, components and
// emails alike.

import type { Refusal } from "@/lib/domain/offer";
import { ofName, onBehalfOf } from "./grammar";
import { helpFr } from "./help-fr";
import { mailFr } from "./mail-fr";

export { ofName, onBehalfOf } from "./grammar";

export const fr = {
  app: {
    name: "Espace intermittents",
    tagline: "Ne perdez plus un panier : cédez-le, réservez-le, en quelques gestes.",
  },
  nav: {
    home: "Accueil",
    baskets: "Réserver un panier",
    absence: "Absence – proposer son panier",
    myBaskets: "Mes paniers échangés",
    signIn: "Se connecter",
    signOut: "Se déconnecter",
    menu: "Menu",
    devMails: "Boîte mail de développement",
    skipToContent: "Aller au contenu",
  },
  roles: {
    member: "Amapien·ne",
    intermittent: "Intermittent·e",
    referent: "Référent·e",
  },
  home: {
    title: "Espace intermittents",
    intro:
      "Quand un·e amapien·ne s'absente, son panier ne doit pas être perdu. L'espace intermittents le met à disposition des personnes inscrites sur la liste des intermittents, qui le récupèrent à la distribution et le règlent directement.",
    forWhom: "Pour qui ?",
    forMembers:
      "Les amapiens et amapiennes : absent·e un jeudi ? Cédez votre panier en deux gestes, validez la personne qui le prend, et retrouvez ses coordonnées.",
    forIntermittents:
      "Les intermittents : inscrit·e sur la liste, vous recevez un e-mail à chaque panier disponible et vous le réservez depuis votre téléphone.",
    forReferents:
      "Les référents : ils tiennent la liste des intermittents, le calendrier des distributions et la feuille d'émargement.",
    howItWorks: "Comment ça marche ?",
    steps: [
      "L'amapien·ne absent·e choisit « Céder mon panier » pour une ou plusieurs distributions.",
      "Chaque intermittent·e reçoit un e-mail personnel et peut « Réserver » le panier.",
      "L'amapien·ne « Valide » la réservation ; chacun voit alors les coordonnées de l'autre.",
      "Le jour de la distribution, le repreneur émarge au nom de l'amapien·ne et règle le panier.",
    ],
    signInCta: "Se connecter",
    signedInAs: (name: string) => `Bonjour ${name} !`,
    yourRoles: "Dans l'espace, vous êtes :",
    noRole:
      "Votre adresse n'est liée à aucun contrat ni à la liste des intermittents pour le moment. Écrivez aux référents de l'AMAP pour vous inscrire.",
  },
  signIn: {
    title: "Se connecter",
    intro: "Indiquez votre adresse e-mail : nous vous envoyons un lien de connexion, valable 24 heures. Pas de mot de passe.",
    emailLabel: "Adresse e-mail",
    submit: "Recevoir mon lien de connexion",
    invalidEmail: "Cette adresse e-mail ne semble pas valide. Vérifiez-la et réessayez.",
    failed: "La demande n'a pas pu aboutir. Réessayez dans un instant.",
    checkTitle: "Consultez votre boîte mail",
    checkBody:
      "Si cette adresse est connue de l'AMAP (amapien·ne, intermittent·e ou référent·e), un lien de connexion vient de lui être envoyé. Ouvrez-le depuis cet appareil.",
    checkHint: "Rien reçu après quelques minutes ? Regardez dans les indésirables, ou écrivez aux référents de l'AMAP.",
    errorTitle: "Ce lien ne fonctionne plus",
    errorBody: "Le lien de connexion a expiré ou a déjà servi. Demandez-en un nouveau.",
    retry: "Demander un nouveau lien",
    signedOut: "Vous êtes déconnecté·e.",
  },
  emails: {
    footer: (amapName: string) => `${amapName} — Espace intermittents`,
    signIn: {
      subject: (amapName: string) => `Votre lien de connexion — ${amapName}`,
      preview: "Votre lien pour entrer dans l'espace intermittents",
      greeting: "Bonjour,",
      body: "Pour vous connecter à l'espace intermittents, utilisez le bouton ci-dessous. Le lien est valable 24 heures et ne sert qu'une fois.",
      button: "Me connecter",
      fallback: "Si le bouton ne marche pas, copiez cette adresse dans votre navigateur :",
      ignore: "Vous n'avez rien demandé ? Ignorez ce message : personne ne peut se connecter sans ce lien.",
    },
    // The basket exchange (DESIGN.md §5). People are named by first name; no
    // gendered word is used for them, since we do not know it.
    exchange: {
      greeting: (firstName: string) => `Bonjour ${firstName},`,
      /** "panier du jeudi 3 décembre (Légumes — grand panier, Œufs — boîte de 6)" */
      basket: (day: string, summary: string) => `panier du ${day} (${summary})`,
      myBasketsButton: "Mes paniers échangés",
      otherBasketsButton: "Voir les autres paniers",
      otherBaskets: "D'autres paniers attendent peut-être preneur.",
      phoneLabel: "Téléphone : ",
      emailLabel: "E-mail : ",
    },
    basketBlock: {
      when: "Quand",
      where: "Où",
      what: "Le panier",
      line: (quantity: number, label: string, price: string) => `${quantity} × ${label} : ${price}`,
      toPayMember: (memberFirstName: string, total: string) => `À régler à ${memberFirstName} : ${total}`,
      toReceive: (total: string) => `Montant à recevoir : ${total}`,
      memberMessage: (memberFirstName: string) => `${memberFirstName} a écrit :`,
      ownMessage: "Votre message :",
    },
    offerAnnounced: {
      subject: (summary: string, day: string) => `Panier disponible : ${summary} — ${day}`,
      subjectReopened: (summary: string, day: string) => `De nouveau disponible : ${summary} — ${day}`,
      preview: (member: string, day: string) => `${member} cède son panier du ${day}`,
      intro: (member: string, day: string) => `${member} ne peut pas récupérer son panier du ${day} et vous le propose.`,
      reopened: "Bonne nouvelle : ce panier est de nouveau disponible.",
      button: "Réserver",
      firstCome: (member: string) => `Premier arrivé, premier servi : ${member} valide la réservation.`,
      why: "Vous recevez ce message parce que vous êtes inscrit·e sur la liste des intermittents de l'AMAP.",
    },
    offerListed: {
      subject: (summary: string, day: string) => `Panier proposé : ${summary} — ${day}`,
      preview: (day: string) => `Votre panier du ${day} est proposé aux intermittents`,
      proposedTo: (count: number) =>
        count === 0
          ? "Votre panier est proposé. Personne n'est inscrit sur la liste des intermittents pour le moment : il reste visible sur le site."
          : count === 1
            ? "Votre panier est proposé à 1 intermittent·e."
            : `Votre panier est proposé à ${count} intermittents.`,
      thanks: "Merci d'en faire profiter quelqu'un !",
      autoAccept:
        "Vous avez choisi la validation automatique : la première réservation sera acceptée d'office, et vous recevrez les coordonnées de la personne.",
      manual: "Vous recevrez un e-mail à chaque réservation, à valider ou refuser.",
      cancel:
        "Un changement de programme ? Depuis « Mes paniers échangés », choisissez « Annuler » et indiquez la raison : elle sera transmise à la personne qui a réservé.",
    },
    reservationToDecide: {
      subject: (intermittent: string, day: string, summary: string) => `${intermittent} souhaite votre panier du ${day} (${summary})`,
      preview: (intermittent: string) => `${intermittent} attend votre réponse`,
      intro: (intermittent: string, day: string) => `${intermittent} souhaite reprendre votre panier du ${day}.`,
      promoted: (intermittent: string) =>
        `La réservation précédente a été refusée ou annulée : ${intermittent} était la personne suivante dans la file d'attente.`,
      ask: "Validez la réservation pour échanger vos coordonnées, ou refusez-la.",
      queue: (count: number) =>
        count === 0
          ? "Si vous refusez, votre panier sera de nouveau proposé aux intermittents."
          : count === 1
            ? "1 autre personne attend dans la file : si vous refusez, elle prendra le relais."
            : `${count} autres personnes attendent dans la file : si vous refusez, la suivante prendra le relais.`,
      button: "Valider ou refuser",
    },
    reservationPending: {
      subject: (day: string, summary: string) => `Réservation envoyée : panier du ${day} (${summary})`,
      subjectPromoted: (day: string, summary: string) => `C'est votre tour : panier du ${day} (${summary})`,
      preview: (member: string) => `${member} doit valider votre réservation`,
      intro: (day: string) => `Votre réservation pour le panier du ${day} est bien partie.`,
      promoted: (day: string) =>
        `La réservation précédente pour le panier du ${day} a été refusée ou annulée : c'est votre tour !`,
      mustValidate: (member: string) => `${member} doit maintenant la valider. Vous recevrez un e-mail dès sa réponse.`,
      cancel: "Un empêchement ? Depuis « Mes paniers échangés », choisissez « Annuler ma réservation ».",
    },
    reservationQueued: {
      subject: (day: string, summary: string) => `File d'attente : panier du ${day} (${summary})`,
      preview: (position: string) => `Vous êtes en ${position} position dans la file d'attente`,
      intro: (member: string, day: string) =>
        `Le panier du ${day} est déjà réservé, et ${member} doit encore répondre à cette réservation.`,
      /** 1 → "1re", 2 → "2e" (agrees with « position »). */
      ordinal: (position: number) => (position === 1 ? "1re" : `${position}e`),
      position: (position: string) => `Vous êtes en ${position} position dans la file d'attente.`,
      next: "Si la réservation en cours est refusée ou annulée, la file avance dans l'ordre : vous recevrez un e-mail dès que ce sera votre tour. D'ici là, rien à faire.",
      leave: "Vous pouvez quitter la file à tout moment depuis « Mes paniers échangés » (« Annuler ma réservation »).",
    },
    reservationAcceptedTaker: {
      subject: (day: string, summary: string) => `Réservation validée : panier du ${day} (${summary})`,
      preview: (member: string) => `${member} a validé votre réservation`,
      intro: (member: string, day: string) => `Bonne nouvelle : ${member} a validé votre réservation. Le panier du ${day} est pour vous !`,
      signAs: (memberFullName: string) => `Émargez ${onBehalfOf(memberFullName)}`,
      signAsHint: "Sur la feuille d'émargement de la distribution, signez à sa place : c'est ce nom qui y figure.",
      contact: (member: string) => `Pour joindre ${member}`,
      rules: "Bon à savoir",
      ics: "Le rendez-vous est en pièce jointe (fichier .ics) pour votre agenda.",
      cancel: (member: string) =>
        `Un empêchement ? Prévenez ${member} et annulez depuis « Mes paniers échangés » (« Annuler ma réservation »).`,
    },
    reservationAcceptedOwner: {
      subject: (taker: string, day: string, summary: string) => `Votre panier du ${day} est repris par ${taker} (${summary})`,
      preview: (taker: string) => `${taker} reprend votre panier`,
      intro: (taker: string, day: string) => `C'est réglé : ${taker} reprend votre panier du ${day} et émargera à votre nom.`,
      autoAccepted: "La réservation a été validée automatiquement, comme vous l'aviez choisi.",
      contact: (taker: string) => `Pour joindre ${taker}`,
      payment: (total: string) => `Pensez à convenir du paiement (${total}).`,
    },
    reservationDeclined: {
      subject: (day: string, summary: string) => `Réservation non retenue : panier du ${day} (${summary})`,
      preview: (day: string) => `Votre réservation du ${day} n'a pas été retenue`,
      intro: (member: string, day: string) => `${member} n'a pas retenu votre réservation pour le panier du ${day}.`,
      thanks: "Merci d'avoir proposé de le reprendre !",
    },
    reservationNotChosen: {
      subject: (day: string, summary: string) => `Panier du ${day} attribué (${summary})`,
      preview: (day: string) => `Le panier du ${day} a trouvé preneur`,
      intro: (member: string, day: string) => `${member} a validé la réservation d'une autre personne pour le panier du ${day}.`,
      stay: "Vous restez dans la file d'attente : si cette personne se désiste, vous serez prévenu·e.",
      leave: "Vous pouvez quitter la file depuis « Mes paniers échangés » (« Annuler ma réservation »).",
    },
    offerCancelled: {
      subject: (day: string, summary: string) => `Panier du ${day} annulé (${summary})`,
      preview: (member: string) => `${member} ne cède plus son panier`,
      introTaker: (member: string, day: string) =>
        `${member} ne cède plus son panier du ${day} : l'échange est annulé, vous n'avez pas à le récupérer.`,
      introQueue: (member: string, day: string) => `${member} ne cède plus son panier du ${day} : votre réservation est annulée.`,
      reason: (member: string) => `${member} explique :`,
      noReason: (member: string) => `${member} n'a pas précisé de raison.`,
      ics: "Le rendez-vous est retiré de votre agenda (fichier joint).",
    },
    reservationWithdrawn: {
      subject: (intermittent: string, day: string, summary: string) =>
        `${intermittent} a annulé sa réservation — panier du ${day} (${summary})`,
      preview: (intermittent: string) => `${intermittent} a annulé sa réservation`,
      intro: (intermittent: string, day: string) => `${intermittent} a annulé sa réservation pour votre panier du ${day}.`,
      reopened: "Votre panier est de nouveau proposé aux intermittents.",
      promoted: (next: string) =>
        `${next} était la personne suivante dans la file : un autre e-mail vous demande de valider ou refuser sa réservation.`,
      promotedUnnamed:
        "La personne suivante dans la file prend le relais : un autre e-mail vous demande de valider ou refuser sa réservation.",
      none: "Rien d'autre ne change pour votre panier.",
    },
  },
  exchange: {
    refusals: {
      not_found: "Ce panier ou cette réservation n'existe pas, ou ne vous concerne pas.",
      not_intermittent:
        "Seules les personnes inscrites sur la liste des intermittents peuvent réserver un panier.",
      own_offer: "C'est votre propre panier : vous ne pouvez pas le réserver.",
      already_offered: "Ce panier est déjà proposé pour cette date.",
      already_in_queue: "Vous avez déjà réservé ce panier.",
      too_late: "C'est trop tard : la date limite est passée.",
      offer_closed: "Ce panier n'est plus disponible.",
      no_longer_pending: "Cette réservation n'attend plus de réponse : elle a déjà été validée, refusée ou annulée.",
      reservation_closed: "Cette réservation n'est plus en cours.",
      reason_required: "Indiquez un motif : il sera transmis aux personnes concernées.",
      nothing_selected: "Choisissez au moins une date et un panier à céder.",
      distribution_cancelled: "Cette distribution est annulée.",
      not_exchanged: "Le paiement se note une fois le panier repris.",
      link_used: "Ce lien a déjà servi : son action est faite.",
    } satisfies Record<Refusal, string>,
    offerStatus: {
      open: "Proposé",
      reserved: "Réservation à valider",
      exchanged: "Repris",
      cancelled: "Annulé",
      unclaimed: "Non repris",
      done: "Échangé",
    },
    invalidInput: "La demande est incomplète ou invalide. Rechargez la page et réessayez.",
    autoAcceptReason: "Acceptation automatique avant la distribution (réglage de l'AMAP)",
    price: "Prix",
    total: (price: string) => `Total : ${price}`,
    quantityLine: (quantity: number, label: string) => (quantity > 1 ? `${quantity} × ${label}` : label),
    contactToggle: "+",
    contactToggleLabel: (name: string) => `Voir les coordonnées ${ofName(name)}`,
    phone: "Téléphone",
    email: "E-mail",
    absence: {
      title: "Absence – proposer son panier",
      intro:
        "Vous serez absent·e ? Cédez votre panier : il est proposé par e-mail aux intermittents, et vous choisissez la personne qui le prend.",
      notMember: "Cette page sert aux amapiens qui ont un contrat en cours. Vous n'en avez pas pour le moment.",
      noDates: "Aucune distribution à venir ne vous concerne dans les prochaines semaines.",
      whichBaskets: "Quels paniers ?",
      whichBasketsHint: "Vous pouvez céder une partie seulement, par exemple les légumes mais pas les œufs.",
      whichDates: "Quelles dates ?",
      whichDatesHint: "Cochez une ou plusieurs distributions, par exemple toute une période d'absence.",
      closedTooLate: (when: string) => `Trop tard : les propositions ont fermé ${when}.`,
      closedCancelled: "Distribution annulée.",
      deadline: (hours: number) => `Les propositions ferment ${hours} h avant le début de la distribution.`,
      lineOffered: (label: string, status: string) => `${label} : déjà proposé (${status})`,
      message: "Message aux intermittents (facultatif)",
      messageHint: "Par exemple : ce qu'il y a dans le panier, comment vous joindre.",
      autoAccept: "Accepter automatiquement la première réservation",
      autoAcceptHint: "Sinon, vous validez vous-même la personne qui prend votre panier.",
      submit: "Céder mon panier",
      success: (n: number) =>
        n > 1 ? `Vos paniers sont proposés pour ${n} distributions.` : "Votre panier est proposé aux intermittents.",
      refusedOn: (slot: string, message: string) => `${slot} : ${message}`,
    },
    baskets: {
      title: "Paniers disponibles",
      intro: "Les paniers cédés par les amapiens absents. Réservez, puis attendez la validation par e-mail.",
      empty: "Aucun panier disponible pour le moment. Vous recevrez un e-mail dès qu'un panier est proposé.",
      from: (firstName: string) => `Panier ${ofName(firstName)}`,
      reserve: "Réserver",
      joinQueue: "Rejoindre la file d'attente",
      queueLength: (n: number) =>
        n === 1 ? "1 personne attend déjà la réponse." : `${n} personnes sont déjà dans la file.`,
      minePending: (firstName: string) => `Votre réservation attend la réponse ${ofName(firstName)}.`,
      mineQueued: (position: number) =>
        position === 1 ? "Vous êtes 1re dans la file d'attente." : `Vous êtes ${position}e dans la file d'attente.`,
      notIntermittent: "Pour réserver, il faut être inscrit·e sur la liste des intermittents.",
      reserved: "Réservation envoyée : vous recevrez un e-mail dès la réponse.",
      queued: "Vous êtes dans la file d'attente : vous serez prévenu·e si le panier se libère.",
      accepted: "C'est à vous : le panier vous est attribué. Détails dans « Mes paniers échangés ».",
    },
    mine: {
      title: "Mes paniers échangés",
      offeredTitle: "Les paniers que je cède",
      reservedTitle: "Les paniers que j'ai réservés",
      noOffers: "Vous n'avez cédé aucun panier récemment.",
      noReservations: "Vous n'avez réservé aucun panier récemment.",
      offerMore: "Céder un panier",
      findBaskets: "Voir les paniers disponibles",
      offered: "Votre panier est proposé aux intermittents.",
      autoAccept: "La première réservation sera acceptée automatiquement.",
      pending: (name: string) => `${name} souhaite votre panier.`,
      queue: (n: number) => (n === 1 ? "1 autre personne attend." : `${n} autres personnes attendent.`),
      accept: "Valider",
      decline: "Refuser",
      accepted: "Réservation validée : vous recevez ses coordonnées par e-mail.",
      declined: "Réservation refusée.",
      takenBy: (name: string) => `Repris par ${name}`,
      cancel: "Annuler",
      cancelReason: "Motif d'annulation",
      cancelReasonHint: "Il est envoyé aux personnes qui ont réservé.",
      cancelConfirm: "Annuler ce panier",
      cancelled: "Le panier est annulé.",
      cancelledBecause: (reason: string) => `Annulé : ${reason}`,
      paid: "Paiement reçu",
      markPaid: "Noter le paiement reçu",
      markUnpaid: "Paiement pas encore reçu",
      paidSaved: "C'est noté.",
      statusPending: (firstName: string) => `En attente de la réponse ${ofName(firstName)}`,
      statusQueued: (position: number) =>
        position === 1 ? "1re dans la file d'attente" : `${position}e dans la file d'attente`,
      statusAccepted: "Validée : le panier est pour vous",
      statusDeclined: "Non retenue",
      statusWithdrawn: "Vous avez annulé",
      statusCancelled: (firstName: string) => `Annulée par ${firstName}`,
      statusExpired: "Expirée",
      signUnder: (name: string) => `Émargez ${onBehalfOf(name)}`,
      whereWhen: "Où et quand",
      whatToBring: "À savoir",
      toPay: (firstName: string, price: string) => `À régler à ${firstName} : ${price}`,
      calendar: "Ajouter à mon agenda (.ics)",
      withdraw: "Annuler ma réservation",
      withdrawConfirm: "Oui, annuler ma réservation",
      withdrawHint: "La personne suivante dans la file sera prévenue, ou le panier sera proposé à nouveau.",
      withdrawn: "Votre réservation est annulée.",
      past: "Passé",
    },
    /** Outcomes shown at the top of a page after an action (?ok=…). */
    flash: {
      reserved: "Réservation envoyée : vous recevrez un e-mail dès la réponse.",
      queued: "Vous êtes dans la file d'attente : vous serez prévenu·e si le panier se libère.",
      "accepted-for-you": "C'est à vous : le panier vous est attribué. Tous les détails sont ci-dessous.",
      accepted: "Réservation validée : vous avez maintenant ses coordonnées, et cette personne a les vôtres.",
      declined: "Réservation refusée : la personne est prévenue.",
      withdrawn: "Votre réservation est annulée.",
      cancelled: "Le panier est annulé : les personnes concernées sont prévenues.",
      paid: "C'est noté.",
      offered: (n: number) =>
        n > 1 ? `Vos paniers sont proposés pour ${n} distributions.` : "Votre panier est proposé aux intermittents.",
    },
    home: {
      toDecide: (n: number) => (n === 1 ? "1 réservation à valider" : `${n} réservations à valider`),
      activeOffers: (n: number) => (n === 1 ? "1 panier cédé en cours" : `${n} paniers cédés en cours`),
      available: (n: number) => (n === 0 ? "Aucun panier disponible" : n === 1 ? "1 panier disponible" : `${n} paniers disponibles`),
      waiting: (n: number) => (n === 1 ? "1 réservation en attente" : `${n} réservations en attente`),
      nextPickup: (slot: string, place: string, firstName: string) =>
        `Prochain panier à récupérer : ${slot}, ${place} (panier ${ofName(firstName)})`,
      offerCta: "Céder mon panier",
      reserveCta: "Réserver un panier",
      myCta: "Mes paniers échangés",
    },
  },
  links: {
    titles: {
      reserve: "Réserver ce panier ?",
      accept: "Valider cette réservation ?",
      decline: "Refuser cette réservation ?",
      withdraw: "Annuler votre réservation ?",
      unsubscribe: "Quitter la liste des intermittents ?",
    },
    explain: {
      reserve: (member: string) =>
        `Le panier ${ofName(member)} vous sera réservé si personne ne l'a fait avant vous ; sinon vous rejoindrez la file d'attente. ${member} valide ensuite la réservation.`,
      accept: (who: string) => `${who} prendra votre panier. Vous recevrez ses coordonnées, et cette personne les vôtres.`,
      decline: (who: string) =>
        `${who} sera prévenu·e poliment. La personne suivante dans la file prendra le relais, ou votre panier sera proposé à nouveau.`,
      withdraw: "La personne suivante dans la file sera prévenue, ou le panier sera proposé à nouveau aux intermittents.",
      unsubscribe: "Vous ne recevrez plus d'e-mails de paniers disponibles. Vous pourrez vous réinscrire quand vous voudrez.",
    },
    buttons: {
      reserve: "Réserver",
      accept: "Valider",
      decline: "Refuser",
      withdraw: "Annuler ma réservation",
      unsubscribe: "Se désinscrire",
    },
    hello: (firstName: string) => `Bonjour ${firstName},`,
    nothingYet: "Rien n'est fait tant que vous n'avez pas appuyé sur le bouton.",
    notOnList: "Vous n'êtes plus sur la liste des intermittents : il n'y a rien à faire.",
    invalidTitle: "Ce lien n'est pas valide",
    invalidBody: "Il a peut-être été mal copié. Rien n'a été modifié.",
    expiredTitle: "Ce lien a expiré",
    expiredBody: "Les liens des e-mails ne marchent que jusqu'au début de la distribution (60 jours pour la désinscription). Rien n'a été modifié.",
    usedTitle: "Ce lien a déjà servi",
    usedBody: "Son action est déjà faite. Rien n'a été modifié de nouveau.",
    foreignTitle: "Ce lien a été envoyé à une autre personne",
    foreignBody:
      "Vous êtes connecté·e sous un autre nom que la personne à qui ce lien a été envoyé. Rien n'a été modifié.",
    wayForward: "Vous pouvez vous connecter pour tout retrouver dans votre espace, ou voir les paniers disponibles.",
    signIn: "Se connecter",
    baskets: "Voir les paniers disponibles",
    doneTitle: "C'est fait",
    outcomes: {
      reserved: "Réservation envoyée : vous recevrez un e-mail dès la réponse.",
      queued: "Vous êtes dans la file d'attente : vous serez prévenu·e si le panier se libère.",
      "accepted-for-you": "C'est à vous : le panier vous est attribué. Un e-mail vous donne tous les détails.",
      accepted: "Réservation validée : un e-mail vous donne ses coordonnées, et cette personne reçoit les vôtres.",
      declined: "Réservation refusée : la personne est prévenue.",
      withdrawn: "Votre réservation est annulée.",
      unsubscribed: "Vous êtes désinscrit·e de la liste des intermittents. Un e-mail de confirmation vous a été envoyé.",
    },
    oneClickDone: "Vous êtes désinscrit·e de la liste des intermittents.",
  },
  list: {
    title: "Intermittents (dés)inscription",
    statusActive: (since: string) => `Vous êtes inscrit·e sur la liste des intermittents depuis le ${since}.`,
    statusAddedBy: (name: string) => `Inscription faite par ${name}.`,
    statusInactive: "Vous n'êtes pas inscrit·e sur la liste des intermittents.",
    explain:
      "Les intermittents reçoivent un e-mail à chaque panier cédé par un·e amapien·ne absent·e, le réservent, le récupèrent à la distribution et le règlent à l'amapien·ne.",
    subscribe: "S'inscrire",
    unsubscribe: "Se désinscrire",
    confirmTitle: "Quitter la liste des intermittents ?",
    confirmBody:
      "Vous ne recevrez plus d'e-mails de paniers disponibles. Vos réservations en cours restent valables. Vous pourrez vous réinscrire quand vous voudrez.",
    confirm: "Oui, me désinscrire",
    keep: "Non, rester inscrit·e",
    joined: "Vous êtes inscrit·e : vous recevrez un e-mail à chaque panier disponible.",
    leftTitle: "Vous êtes désinscrit·e",
    leftBody: "Vous ne recevrez plus d'e-mails de paniers disponibles. Un e-mail de confirmation vous a été envoyé.",
    rejoin: "Se réinscrire",
    history: "Historique",
    historyLine: (from: string, to: string | null) => (to ? `Du ${from} au ${to}` : `Depuis le ${from}`),
    registerTitle: "Inscrire une autre personne",
    registerIntro:
      "Un·e ami·e, un·e voisin·e aimerait prendre des paniers de temps en temps ? Inscrivez la personne : elle recevra un e-mail qui dit qui l'a inscrite et comment se désinscrire.",
    registerSubmit: "Inscrire cette personne",
    registered: (name: string) => `${name} est inscrit·e sur la liste des intermittents et reçoit un e-mail de bienvenue.`,
    registeredExisting: (name: string) => `${name} est inscrit·e sur la liste des intermittents et en est prévenu·e par e-mail.`,
    fields: { email: "Adresse e-mail", firstName: "Prénom", lastName: "Nom", phone: "Téléphone (facultatif)", message: "Un mot pour les référents (facultatif)" },
    fieldErrors: {
      email: "Adresse e-mail invalide.",
      firstName: "Indiquez un prénom (80 caractères au plus).",
      lastName: "Nom trop long ou invalide.",
      phone: "Numéro de téléphone invalide.",
    },
    refusals: {
      already_on_list: "Cette personne est déjà sur la liste des intermittents.",
      not_on_list: "Vous n'êtes pas (ou plus) sur la liste des intermittents.",
      not_member: "Seuls les amapiens et les référents peuvent inscrire une autre personne.",
      not_referent: "Réservé aux référents.",
      not_found: "Cette personne ou cette demande n'existe pas.",
      already_decided: "Cette demande a déjà été traitée.",
      too_many_requests: "Trop de demandes en peu de temps. Réessayez plus tard.",
      invalid_person: "Certains champs sont à corriger.",
      link_used: "Ce lien a déjà servi : son action est faite.",
    },
    publicTitle: "Devenir intermittent·e",
    publicIntro:
      "Vous n'êtes pas amapien·ne mais aimeriez prendre un panier de temps en temps, quand un·e adhérent·e s'absente ? Laissez vos coordonnées : un·e référent·e de l'AMAP valide votre inscription.",
    publicSubmit: "Envoyer ma demande",
    publicDone:
      "Merci ! Votre demande est enregistrée. Un·e référent·e vous répondra par e-mail.",
    honeypot: "Ne pas remplir ce champ",
  },
  admin: {
    title: "Administration",
    intermittents: "Liste des intermittents",
    intermittentsIntro: "Les demandes d'inscription, les personnes inscrites, et l'export de la liste.",
    requests: "Demandes en attente",
    noRequests: "Aucune demande en attente.",
    approve: "Accepter",
    refuse: "Refuser",
    knownPerson: "Adresse déjà connue de l'AMAP",
    addTitle: "Ajouter quelqu'un directement",
    addIntro: "Par exemple une personne qui a écrit à la boîte de l'AMAP.",
    addSubmit: "Ajouter à la liste",
    listTitle: (n: number) => `Personnes inscrites (${n})`,
    since: (date: string) => `depuis le ${date}`,
    addedBy: (name: string) => `inscrit·e par ${name}`,
    remove: "Retirer de la liste",
    removeReason: "Motif (gardé dans l'historique)",
    removeConfirm: "Retirer",
    export: "Exporter la liste (CSV)",
    approved: "Demande acceptée : la personne est inscrite et prévenue.",
    refused: "Demande refusée : la personne est prévenue.",
    added: "La personne est inscrite et prévenue par e-mail.",
    removed: "La personne est retirée de la liste et prévenue.",
  },
  devMails: {
    title: "Boîte mail de développement",
    intro:
      "Aucun serveur SMTP n'est configuré (SMTP_URL) : les e-mails sont gardés ici au lieu d'être envoyés.",
    empty: "Aucun message pour le moment.",
    to: "À",
    subject: "Objet",
    date: "Date",
    html: "Version HTML",
    text: "Version texte",
    back: "Tous les messages",
  },
  errors: {
    notFoundTitle: "Page introuvable",
    notFoundBody: "Cette page n'existe pas ou n'existe plus.",
    genericTitle: "Un problème est survenu",
    genericBody: "Réessayez dans un instant. Si cela recommence, prévenez les référents de l'AMAP.",
    retry: "Réessayer",
    backHome: "Retour à l'accueil",
  },
  /** Emails of the list and reminders (lib/i18n/mail-fr.ts). */
  mail: mailFr,
  /** The help pages (lib/i18n/help-fr.ts). */
  help: helpFr,
} as const;

export type Catalogue = typeof fr;
