// The emails a référent's command sends (DESIGN.md §9: say what happened and
// who did it): a distribution cancelled or moved, a subscription ended under
// offered baskets, an email address changed. Same rules as the exchange
// emails: people by first name, no gendered word for them, « d'Alice » through
// `ofName`. Pure data and small formatters.
import { typesetInPlace } from "@/lib/domain/french";
import { ofName } from "./grammar";

const SOME_REFERENT = "Un·e référent·e";

/** The subject of a sentence: "Rose Lefèvre, référent·e de l'AMAP," (for an account gone since, "Un·e référent·e de l'AMAP"). */
const referentOf = (name: string) => (name === SOME_REFERENT ? `${SOME_REFERENT} de l'AMAP` : `${name}, référent·e de l'AMAP,`);

/** "la personne qui l'avait réservé est prévenue" / "les 2 personnes qui…" */
const holdersTold = (count: number) =>
  count === 1 ? "la personne qui l'avait réservé est prévenue" : `les ${count} personnes qui l'avaient réservé sont prévenues`;

export const adminMailFr = {
  /** Who acted, when their account is gone since. */
  someReferent: SOME_REFERENT,
  /** The lead before the référent's own words. */
  explains: (referent: string) => `${referentOf(referent)} explique :`,
  /** "2 décembre 2026 à 14 h 05" */
  at: (date: string, time: string) => `${date} à ${time}`,
  question: "Une question ? Écrivez aux référents : ",
  questionNoAddress: "Une question ? Répondez à ce message ou adressez-vous aux référents de l'AMAP.",
  basketsThatDay: (list: string) => `Vos paniers prévus ce jour-là : ${list}.`,
  /** The heading of a member's baskets in the panel. */
  yourBaskets: "Vos paniers",
  myBasketsButton: "Mes paniers échangés",

  distributionCancelledMember: {
    subject: (day: string) => `Distribution du ${day} annulée`,
    preview: (day: string) => `Il n'y aura pas de distribution le ${day}`,
    intro: (referent: string, slot: string, place: string) =>
      `${referentOf(referent)} a annulé la distribution du ${slot} (${place}) : il n'y aura pas de distribution ce jour-là.`,
    /** The member had offered a basket for that date. */
    offerCancelled: (holders: number) =>
      holders === 0
        ? "Le panier que vous proposiez aux intermittents pour cette date est retiré."
        : `Le panier que vous proposiez aux intermittents pour cette date est retiré, et ${holdersTold(holders)}.`,
  },

  distributionCancelledTaker: {
    subject: (day: string, member: string, summary: string) => `Distribution du ${day} annulée : panier ${ofName(member)} (${summary})`,
    preview: (day: string) => `La distribution du ${day} n'aura pas lieu`,
    introTaker: (referent: string, day: string, member: string) =>
      `${referentOf(referent)} a annulé la distribution du ${day}. Vous n'avez donc pas à venir chercher le panier ${ofName(member)}, ni rien à régler.`,
    introQueue: (referent: string, day: string, member: string) =>
      `${referentOf(referent)} a annulé la distribution du ${day} : votre réservation du panier ${ofName(member)} est donc annulée.`,
    ics: "Le rendez-vous est retiré de votre agenda (fichier joint).",
  },

  distributionMovedMember: {
    subject: (fromDay: string, toDay: string) => `La distribution du ${fromDay} est déplacée au ${toDay}`,
    preview: (toSlot: string) => `Nouvelle date : ${toSlot}`,
    intro: (referent: string, fromSlot: string) => `${referentOf(referent)} a déplacé la distribution du ${fromSlot}. Elle aura lieu :`,
    /** The member has a basket offered for that date. */
    offerFollows: "Le panier que vous cédez suit la distribution : il vaut pour la nouvelle date.",
    /** Only when someone had reserved it: the move told them. */
    told: (count: number) =>
      count === 1 ? "La personne qui l'a réservé en est prévenue." : `Les ${count} personnes qui l'ont réservé en sont prévenues.`,
    canCome: "Vous pouvez finalement venir ? Annulez votre proposition depuis « Mes paniers échangés ».",
  },

  distributionMovedTaker: {
    subject: (member: string, toDay: string) => `Panier ${ofName(member)} : la distribution est déplacée au ${toDay}`,
    preview: (toSlot: string) => `Nouvelle date : ${toSlot}`,
    intro: (referent: string, fromSlot: string) => `${referentOf(referent)} a déplacé la distribution du ${fromSlot}.`,
    taker: (member: string) => `Le panier ${ofName(member)} est à récupérer à la nouvelle date, au même endroit :`,
    pending: (member: string) => `Votre réservation du panier ${ofName(member)} attend toujours sa réponse ; elle vaut pour la nouvelle date :`,
    queued: (member: string) => `Vous restez dans la file d'attente pour le panier ${ofName(member)}, à la nouvelle date :`,
    ics: "Le rendez-vous de votre agenda est mis à jour (fichier joint).",
    cantCome: "Vous ne pouvez pas venir à la nouvelle date ? ",
    cantComeFallback: "Vous ne pouvez pas venir à la nouvelle date ? Annulez votre réservation depuis « Mes paniers échangés ».",
  },

  subscriptionEndedTaker: {
    subject: (day: string, member: string, summary: string) => `Panier ${ofName(member)} du ${day} retiré (${summary})`,
    preview: (member: string) => `Le panier ${ofName(member)} n'est plus proposé`,
    intro: (referent: string, member: string, contract: string, day: string) =>
      `${referentOf(referent)} a modifié le contrat « ${contract} » ${ofName(member)} : il ne comprend plus la distribution du ${day}.`,
    taker: (member: string) => `Le panier ${ofName(member)} n'est donc plus à récupérer : vous n'avez rien à venir chercher, ni rien à régler.`,
    queue: "Ce panier n'est donc plus proposé, et votre réservation est annulée.",
    ics: "Le rendez-vous est retiré de votre agenda (fichier joint).",
  },

  subscriptionEndedOwner: {
    subject: (contract: string) => `Votre contrat « ${contract} » est modifié : paniers proposés retirés`,
    preview: "Des paniers que vous proposiez ne font plus partie de votre contrat",
    intro: (referent: string, contract: string, from: string, to: string) =>
      `${referentOf(referent)} a modifié votre contrat « ${contract} » : il court désormais du ${from} au ${to}.`,
    offersLead: (count: number) =>
      count === 1
        ? "Le panier que vous proposiez aux intermittents pour une date en dehors de cette période est donc retiré :"
        : "Les paniers que vous proposiez aux intermittents pour des dates en dehors de cette période sont donc retirés :",
    offer: (day: string, summary: string) => `${day} : ${summary}`,
    holdersTold: (count: number) =>
      count === 1 ? "La personne qui avait réservé est prévenue." : `Les ${count} personnes qui avaient réservé sont prévenues.`,
    otherBaskets:
      "Ce que vous proposiez en même temps d'un autre contrat est retiré aussi : vous pouvez le proposer de nouveau depuis « Absence – proposer son panier ».",
  },

  emailChanged: {
    subject: (amapName: string) => `L'adresse e-mail de votre compte a changé — ${amapName}`,
    preview: "Vérifiez que ce changement vient bien de vous",
    intro: (referent: string, when: string) => `${referentOf(referent)} a changé l'adresse e-mail de votre compte le ${when}.`,
    introSelf: (when: string) => `Vous avez changé l'adresse e-mail de votre compte le ${when}, depuis l'administration de l'espace.`,
    newAddress: (masked: string) =>
      `Les messages de l'espace intermittents vont désormais à ${masked}, et c'est avec cette adresse que l'on se connecte.`,
    signedOut: "Par précaution, les sessions ouvertes sur votre compte sont fermées : il faut se reconnecter avec la nouvelle adresse.",
    notYou: "Ce changement ne vient pas de vous, ou vous ne reconnaissez pas cette adresse ? Prévenez l'AMAP tout de suite : ",
    notYouNoAddress:
      "Ce changement ne vient pas de vous, ou vous ne reconnaissez pas cette adresse ? Prévenez tout de suite les référents de l'AMAP, en répondant à ce message ou de vive voix.",
    fine: "Si c'est bien ce que vous aviez demandé, il n'y a rien à faire.",
  },
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(adminMailFr);
