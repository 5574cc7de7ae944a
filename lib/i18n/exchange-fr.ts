// The basket exchange: /absence, /paniers, /mes-paniers. A section of the French catalogue (`fr.exchange` in
// lib/i18n/fr.ts), in a module of its own so that a client component ships
// these strings only, not the whole catalogue.
import { typesetInPlace } from "@/lib/domain/french";
import type { Refusal } from "@/lib/domain/offer";
import { notifiedByEmail, ofName, onBehalfOf, rank } from "./grammar";

export const exchangeFr = {
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
    not_delivered: "Le panier choisi n'est pas livré ce jour-là.",
    distribution_cancelled: "Cette distribution est annulée.",
    not_exchanged: "Le paiement se note une fois le panier échangé.",
    link_used: "Ce lien a déjà servi : son action est faite.",
  } satisfies Record<Refusal, string>,
  offerStatus: {
    open: "Proposé",
    reserved: "Réservation à valider",
    // One state, one name: « Échangé », as in « Mes paniers échangés »; `done` is the same exchange once its distribution is over.
    exchanged: "Échangé",
    cancelled: "Annulé",
    unclaimed: "Non repris",
    done: "Échangé (passé)",
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
    whichBasketsHint: "Tous, ou une partie seulement : décochez ceux que vous gardez.",
    whichDates: "Quelles dates ?",
    closedTooLate: (when: string) => `Trop tard : les propositions ont fermé ${when}.`,
    closedCancelled: "Distribution annulée.",
    /** Short: it heads the list of dates on a phone (the help page says it in full). */
    deadline: (hours: number) => `Fermeture ${hours} h avant la distribution.`,
    lineOffered: (label: string, status: string) => `${label} : déjà proposé (${status})`,
    message: "Message aux intermittents (facultatif)",
    messageHint: "Par exemple : ce qu'il y a dans le panier, comment vous joindre.",
    autoAccept: "Accepter automatiquement la première réservation",
    autoAcceptHint: "Sinon, vous validez vous-même la personne qui prend votre panier.",
    submit: "Céder mon panier",
    /** The submit button once dates are ticked: how many baskets it offers. */
    submitCount: (baskets: number) => (baskets > 1 ? `Céder ${baskets} paniers` : "Céder mon panier"),
    moreDates: (dates: number) => `Voir plus de dates (${dates})`,
    noDatesForBaskets: "Les paniers cochés ne sont livrés à aucune de ces dates.",
    success: (n: number) =>
      n > 1 ? `Vos paniers sont proposés pour ${n} distributions.` : "Votre panier est proposé aux intermittents.",
    /** A refused date, named first: « Samedi 5 décembre, 10 h – 12 h : … » — the message starts with a capital. */
    refusedOn: (slot: string, message: string) => `${slot.charAt(0).toUpperCase()}${slot.slice(1)}\u00a0: ${message}`,
    /** The ticked baskets are not delivered on a ticked date (possible without JavaScript, which hides such dates). */
    notDeliveredOn: (slot: string, labels: string[]) => {
      const names = labels.map((label) => `«\u00a0${label}\u00a0»`);
      const which =
        names.length === 1
          ? `Le panier ${names[0]} n'est pas livré`
          : `Les paniers ${names.slice(0, -1).join(", ")} et ${names.at(-1)} ne sont pas livrés`;
      return `${which} le ${slot}\u00a0: décochez cette date, ou cochez un panier livré ce jour-là.`;
    },
  },
  baskets: {
    title: "Paniers disponibles",
    intro:
      "Les paniers cédés par les amapiens absents. Réservez : l'amapien·ne valide ensuite la réservation par e-mail, ou elle est acceptée tout de suite quand le panier l'indique.",
    autoAccept: "Acceptation automatique : le panier est à vous dès que vous le réservez.",
    empty: "Aucun panier disponible pour le moment. Vous recevrez un e-mail dès qu'un panier est proposé.",
    from: (firstName: string) => `Panier ${ofName(firstName)}`,
    reserve: "Réserver",
    joinQueue: "Rejoindre la file d'attente",
    queueLength: (n: number) =>
      n === 1 ? "1 personne attend déjà la réponse." : `${n} personnes sont déjà dans la file.`,
    minePending: (firstName: string) => `Votre réservation attend la réponse ${ofName(firstName)}.`,
    /** The ordinal agrees with « position », never with the person, whose gender we do not know. */
    mineQueued: (position: number) => `Vous êtes en ${rank(position)} position dans la file d'attente.`,
    notIntermittent: "Pour réserver, il faut être inscrit·e sur la liste des intermittents.",
    count: (n: number) => (n === 1 ? "1 panier disponible." : `${n} paniers disponibles.`),
    pages: "Pages des paniers disponibles",
    pageOf: (page: number, count: number) => `Page ${page} sur ${count}`,
    nextPage: "Voir plus de paniers",
    previousPage: "Paniers précédents",
    continued: "(suite)",
    /** ?offre= (an email's link) names a basket that is not listed any more: what happened. */
    focus: {
      gone: "Ce panier n'est plus proposé. Voici les autres paniers disponibles.",
      taken: "Ce panier a déjà trouvé preneur. Voici les autres paniers disponibles.",
      cancelled: "Ce panier a été annulé. Voici les autres paniers disponibles.",
      distribution_cancelled: "Cette distribution est annulée. Voici les autres paniers disponibles.",
      past: "La distribution de ce panier a commencé. Voici les autres paniers disponibles.",
      own_offer: "C'est votre propre panier : vous le suivez dans « Mes paniers échangés ».",
      mine_accepted: "Ce panier est pour vous : tous les détails sont dans « Mes paniers échangés ».",
    },
    /** ?offre= names a basket someone else has reserved meanwhile. */
    focusReserved: (member: string) =>
      `Quelqu'un a déjà réservé ce panier : ${member} lui répond d'abord. Vous pouvez rejoindre la file d'attente ; s'il se libère, vous serez prévenu·e.`,
    seeMine: "Voir mes paniers échangés",
    reserved: "Réservation envoyée : vous recevrez un e-mail dès la réponse.",
    queued: "Vous êtes dans la file d'attente : vous serez prévenu·e si le panier se libère.",
    accepted: "C'est à vous : le panier vous est attribué. Détails dans « Mes paniers échangés ».",
    /** « Paniers des AMAP partenaires »: baskets nobody took in a partner AMAP, for the intermittents who opted in. */
    partners: {
      title: "Paniers des AMAP partenaires",
      intro:
        "Personne ne les a réservés dans leur propre AMAP : ils sont proposés aux intermittents des AMAP partenaires. On retire le panier à la distribution de son AMAP, à ses horaires, et on émarge sur sa feuille.",
      empty: "Aucun panier des AMAP partenaires pour le moment. Vous recevrez un e-mail dès qu'un de leurs paniers ne trouve pas preneur.",
      optIn: "Vous pouvez recevoir aussi les paniers que personne n'a réservés dans les AMAP partenaires : choisissez-le sur votre page d'inscription.",
      manage: "Gérer mon inscription",
    },
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
    declinePageTitle: "Refuser une réservation",
    declineTitle: (name: string) => `Refuser la réservation ${ofName(name)} ?`,
    declineConfirm: "Oui, refuser",
    declineKeep: "Non, revenir",
    declineReason: (name: string) => `Un mot pour ${name} (facultatif)`,
    declineReasonHint: (name: string) => `${name} le lira dans l'e-mail qui annonce votre refus.`,
    accepted: "Réservation validée : vous recevez ses coordonnées par e-mail.",
    declined: "Réservation refusée.",
    takenBy: (name: string) => `Échangé avec ${name}`,
    cancel: "Annuler",
    cancelReason: "Motif d'annulation",
    cancelReasonHint: "Il est envoyé aux personnes qui ont réservé.",
    cancelConfirm: "Annuler ce panier",
    cancelled: "Le panier est annulé.",
    cancelledBecause: (reason: string) => `Annulé : ${reason}`,
    paid: "Paiement reçu",
    paidYes: "oui",
    paidNo: "non",
    markPaid: "Noter le paiement reçu",
    // Named by what it does, not by a state: beside « Paiement reçu : oui ».
    markUnpaid: "Marquer comme non reçu",
    paidSaved: "C'est noté.",
    statusPending: (firstName: string) => `En attente de la réponse ${ofName(firstName)}`,
    statusQueued: (position: number) => `En ${rank(position)} position dans la file d'attente`,
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
    /** The count of people emailed, from the command (null: unknown, nothing is claimed). */
    cancelled: (notified: number | null) =>
      notified === null ? "Le panier est annulé." : `Le panier est annulé. ${notifiedByEmail(notified)}`,
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
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(exchangeFr);
