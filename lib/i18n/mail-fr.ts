// Email strings added with the action links, the reminders and the
// intermittents-list messages (DESIGN.md §5, §6). Same rules as `fr.emails`:
// people are named by first name, no gendered word for them, "d'Alice" via
// `ofName`. Meant to be merged into the `fr` catalogue.
//
// NOTE: `ofName` and `onBehalfOf` are only called inside the functions below,
// never while this module loads, so `fr.ts` may import this file in turn
// without tripping over the import cycle.
import { typesetInPlace } from "@/lib/domain/french";
import { ofName, onBehalfOf } from "./grammar";

/** "1 panier", "2 paniers" (0 reads "0 panier" in French). */
const baskets = (count: number) => (count <= 1 ? `${count} panier` : `${count} paniers`);

export const mailFr = {
  /** The signed action links of the exchange emails (each opens a confirmation page). */
  actions: {
    accept: "Valider",
    decline: "Refuser",
    /** After the Valider / Refuser buttons; the link is « Mes paniers échangés ». */
    orFrom: "ou depuis ",
    myBasketsQuoted: "« Mes paniers échangés »",
    withdraw: "Annuler ma réservation",
    /** Lead-ins before the « Annuler ma réservation » link. */
    withdrawPending: "Un empêchement ? ",
    withdrawQueued: "Vous pouvez quitter la file à tout moment : ",
    withdrawTaker: (member: string) => `Un empêchement ? Prévenez ${member} avant d'annuler : `,
    unsubscribeLead: "Ne plus recevoir ces messages : ",
    unsubscribe: "se désinscrire de la liste des intermittents",
  },

  reminderBasketsLeft: {
    subject: (count: number, day: string) => `Il reste ${baskets(count)} pour ${day}`,
    preview: (count: number, day: string) =>
      count <= 1 ? `Un panier attend encore preneur pour ${day}` : `${count} paniers attendent encore preneur pour ${day}`,
    intro: (count: number, day: string) =>
      count <= 1
        ? `Un panier attend encore preneur pour la distribution du ${day} :`
        : `${count} paniers attendent encore preneur pour la distribution du ${day} :`,
    /** "Panier d'Alice : Légumes — grand panier (22,00 €)" */
    offer: (memberFirstName: string, summary: string, price: string) => `Panier ${ofName(memberFirstName)} : ${summary} (${price})`,
    offersLabel: "Les paniers",
    payNote: "Le panier se règle directement à l'amapien·ne qui le cède.",
    button: "Voir les paniers",
    firstCome: "Premier arrivé, premier servi : réservez depuis le site, l'amapien·ne valide ensuite la réservation.",
    firstComeAuto: "Premier arrivé, premier servi\u202f: réservez depuis le site, la réservation est acceptée automatiquement.",
    firstComeMixed:
      "Premier arrivé, premier servi\u202f: réservez depuis le site. Selon le panier, l'amapien·ne valide ensuite la réservation, ou elle est acceptée automatiquement.",
    why: "Vous recevez ce rappel parce que vous êtes inscrit·e sur la liste des intermittents de l'AMAP.",
  },

  reminderDecision: {
    subject: (intermittent: string, day: string, summary: string) =>
      `Rappel : ${intermittent} attend votre réponse — panier du ${day} (${summary})`,
    preview: (intermittent: string) => `${intermittent} attend toujours votre réponse`,
    intro: (intermittent: string, day: string) => `${intermittent} attend toujours votre réponse pour votre panier du ${day}.`,
    later: (intermittent: string) =>
      `Tant que vous n'avez pas répondu, ${intermittent} ne sait pas s'il faut venir chercher le panier.`,
    morning: (intermittent: string) =>
      `La distribution a lieu aujourd'hui : répondez dès maintenant, pour laisser à ${intermittent} le temps de s'organiser.`,
  },

  reminderPickup: {
    subject: (member: string, day: string) => `Aujourd'hui : panier ${ofName(member)} à récupérer — ${day}`,
    preview: (member: string) => `Le panier ${ofName(member)} vous attend aujourd'hui`,
    intro: (member: string, slot: string) => `C'est aujourd'hui : le panier ${ofName(member)} vous attend à la distribution (${slot}).`,
    signAs: (memberFullName: string) => `Émargez ${onBehalfOf(memberFullName)}`,
  },

  reminderNobodyReserved: {
    subject: (day: string) => `Personne n'a encore réservé votre panier du ${day}`,
    preview: (day: string) => `Votre panier du ${day} attend encore preneur`,
    intro: (day: string) => `Personne n'a encore réservé votre panier du ${day}.`,
    stillOpen: "Il reste proposé jusqu'au début de la distribution : quelqu'un peut encore le réserver d'ici là.",
    spread:
      "Vous pensez à quelqu'un parmi vos proches ou dans votre voisinage ? Parlez-lui du panier : une fois sur la liste des intermittents (« Inscrire une autre personne », sur le site), cette personne pourra le réserver.",
    cancel: "Vos projets changent et vous pouvez finalement venir ? Annulez votre proposition depuis « Mes paniers échangés ».",
  },

  /** Shared by the welcome messages of the intermittents list. */
  list: {
    howTitle: "Comment ça marche ?",
    how: [
      "À chaque panier proposé par un·e amapien·ne absent·e, vous recevez un e-mail personnel.",
      "Un panier vous intéresse ? Réservez-le : premier arrivé, premier servi.",
      "L'amapien·ne valide votre réservation ; vous recevez alors ses coordonnées.",
      "Le jour de la distribution, vous récupérez le panier et émargez à son nom.",
      "Vous réglez le panier directement à l'amapien·ne.",
    ],
    noObligation: "Aucune obligation : vous ne réservez que les paniers qui vous conviennent.",
    basketsButton: "Voir les paniers disponibles",
    helpLead: "Des questions ? ",
    help: "Consultez l'aide de l'espace intermittents",
    leaveLead: "Vous pouvez quitter la liste à tout moment, sans vous connecter : ",
    leave: "se désinscrire de la liste des intermittents",
  },

  listJoined: {
    subject: (amapName: string) => `Bienvenue sur la liste des intermittents — ${amapName}`,
    preview: "Vous recevrez un e-mail à chaque panier disponible",
    intro: (amapName: string) => `C'est fait : vous êtes inscrit·e sur la liste des intermittents (${amapName}). Merci !`,
    next: "Quand un·e amapien·ne ne peut pas venir à une distribution, son panier ne doit pas être perdu : vous pourrez le reprendre.",
  },

  listRegisteredBy: {
    subject: (by: string) => `${by} vous a inscrit·e sur la liste des intermittents`,
    preview: (by: string) => `${by} vous a inscrit·e : voici ce que cela veut dire`,
    intro: (by: string, amapName: string) => `${by} vous a inscrit·e sur la liste des intermittents (${amapName}).`,
    meaning:
      "Vous recevrez donc un e-mail chaque fois qu'un·e amapien·ne absent·e propose son panier, et vous pourrez le réserver, le récupérer à la distribution et le régler directement.",
    unwanted: "Vous n'avez rien demandé, ou cela ne vous intéresse pas ? Désinscrivez-vous, sans avoir à vous connecter :",
    unwantedButton: "Me désinscrire",
    unwantedNote: "Vous ne recevrez alors plus aucun e-mail de la liste.",
  },

  listLeft: {
    subject: "Vous n'êtes plus sur la liste des intermittents",
    preview: "Votre désinscription est prise en compte",
    intro: (amapName: string) =>
      `C'est fait : vous n'êtes plus sur la liste des intermittents (${amapName}). Vous ne recevrez plus d'e-mail à chaque panier proposé.`,
    comeBack: "Vous pouvez revenir quand vous voulez :",
    button: "Me réinscrire",
    notYou: "Ce n'est pas vous qui avez demandé cette désinscription ? Le même bouton vous réinscrit.",
  },

  listRequestApproved: {
    subject: "Votre inscription comme intermittent·e est acceptée",
    preview: "Bienvenue sur la liste des intermittents",
    intro: (amapName: string) =>
      `Bonne nouvelle : les référents ont accepté votre demande. Vous êtes maintenant sur la liste des intermittents (${amapName}). Bienvenue !`,
    signIn:
      "Chaque e-mail contient un lien pour réserver directement. Vous pouvez aussi vous connecter au site avec votre adresse e-mail, sans mot de passe : un lien de connexion vous est envoyé.",
    signInLink: "Se connecter",
  },

  listRequestRefused: {
    subject: "Votre demande d'inscription comme intermittent·e",
    preview: "La réponse des référents à votre demande",
    intro:
      "Merci de l'intérêt que vous portez à l'AMAP. Les référents ne peuvent pas donner suite, pour le moment, à votre demande d'inscription sur la liste des intermittents.",
    contact: "Pour toute question, vous pouvez leur écrire : ",
    regards: "Bien cordialement,",
    signature: "Les référents de l'AMAP",
  },
  referentAction: {
    subject: {
      cancel: (day: string, summary: string) => `Votre panier du ${day} (${summary}) a été annulé par un·e référent·e`,
      decline: (day: string, summary: string) => `Réservation refusée pour votre panier du ${day} (${summary})`,
    },
    cancelled: (referent: string, day: string) => `${referent}, référent·e de l'AMAP, a annulé votre panier du ${day}.`,
    /** Only when someone had reserved it: the cancellation told them. */
    told: (count: number) =>
      count === 1 ? "La personne qui l'avait réservé en est prévenue." : `Les ${count} personnes qui l'avaient réservé en sont prévenues.`,
    declined: (referent: string, intermittent: string, day: string) =>
      `${referent}, référent·e de l'AMAP, a refusé pour vous la réservation${intermittent ? ` ${ofName(intermittent)}` : ""} sur votre panier du ${day}.`,
    reasonLead: "Motif :",
    afterDecline: "La personne suivante dans la file prend le relais, ou votre panier est proposé à nouveau.",
  },
  actedBy: {
    assignedToTaker: (referent: string) => `Ce panier vous a été attribué par ${referent}, référent·e de l'AMAP. Motif :`,
    acceptedToTaker: (referent: string, member: string) =>
      `Votre réservation a été validée par ${referent}, référent·e de l'AMAP, pour le compte ${ofName(member)}. Motif :`,
    assignedToOwner: (referent: string, taker: string) =>
      `${referent}, référent·e de l'AMAP, a attribué votre panier à ${taker}. Motif :`,
    acceptedToOwner: (referent: string) => `${referent}, référent·e de l'AMAP, a validé cette réservation pour vous. Motif :`,
  },
  /**
   * How a reservation came to be accepted, in the taker's copy: the member
   * validated it (fr.emails.reservationAcceptedTaker), the offer accepts the
   * first reservation by itself, the AMAP's setting accepted it before the
   * distribution, or a référent validated it or gave the basket.
   */
  acceptance: {
    subjectAssigned: (day: string, summary: string) => `Panier attribué\u202f: panier du ${day} (${summary})`,
    subjectAutomatic: (day: string, summary: string) => `Réservation acceptée\u202f: panier du ${day} (${summary})`,
    previewAutomatic: "Votre réservation est acceptée automatiquement",
    previewAssigned: (referent: string) => `${referent} vous attribue un panier`,
    previewReferent: (referent: string) => `${referent} a validé votre réservation`,
    automatic: (member: string, day: string) =>
      `Bonne nouvelle\u202f: votre réservation a été acceptée automatiquement, comme ${member} l'avait choisi en proposant son panier. Le panier du ${day} est pour vous\u202f!`,
    setting: (member: string, day: string) =>
      `Bonne nouvelle\u202f: ${member} n'avait pas encore répondu, et votre réservation a été acceptée automatiquement avant la distribution, comme le prévoit l'AMAP. Le panier du ${day} est pour vous\u202f!`,
    assigned: (referent: string, member: string, day: string) =>
      `${referent}, référent·e de l'AMAP, vous attribue le panier du ${day}, pour le compte ${ofName(member)}. Le panier est pour vous\u202f!`,
    referent: (referent: string, member: string, day: string) =>
      `Bonne nouvelle\u202f: ${referent}, référent·e de l'AMAP, a validé votre réservation pour le compte ${ofName(member)}. Le panier du ${day} est pour vous\u202f!`,
    reasonLead: "Motif\u202f:",
    /** In the member's copy when the AMAP's setting accepted (not the member's own choice). */
    settingToOwner:
      "Vous n'aviez pas encore répondu\u202f: la réservation a été acceptée automatiquement avant la distribution, comme le prévoit l'AMAP.",
  },
  /** « Réservation non retenue »: who refused, and their optional word. */
  declined: {
    memberWrote: (member: string) => `${member} vous a laissé un mot\u202f:`,
    byReferent: (referent: string, member: string, day: string) =>
      `${referent}, référent·e de l'AMAP, n'a pas retenu votre réservation pour le panier du ${day}, pour le compte ${ofName(member)}.`,
  },
  /** One announcement for several dates offered at once. */
  offersAnnounced: {
    subject: (count: number, summary: string) => `Paniers disponibles\u202f: ${summary} — ${count}\u00a0dates`,
    preview: (member: string, count: number) => `${member} cède son panier pour ${count}\u00a0distributions`,
    intro: (member: string, count: number) =>
      `${member} ne peut pas récupérer son panier à ${count}\u00a0distributions et vous le propose. Réservez une date, ou plusieurs\u202f:`,
    dateHeading: (day: string) => day.charAt(0).toUpperCase() + day.slice(1),
    button: (day: string) => `Réserver le ${day}`,
    firstCome: (member: string) => `Premier arrivé, premier servi\u202f: ${member} valide ensuite chaque réservation.`,
  },
  /** In the cancellation mail, when a référent cancelled. */
  referentExplains: (referent: string) => `${referent}, référent·e de l'AMAP, explique :`,
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(mailFr);
