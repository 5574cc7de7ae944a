// What an email link's page (/lien/…) says about the state it finds: the
// variants of a step that still applies, and, when it no longer does, what
// happened instead (`fr.links.states`, next to the link texts of fr.ts).
import { typesetInPlace } from "@/lib/domain/french";
import type { Standstill } from "@/lib/domain/offer-standing";
import { ofName, rank } from "./grammar";

/** Who the sentences may name: the offer's member, the intermittent of the reservation, a place in the queue. */
export type StateWords = { member: string; intermittent: string; position: number | null };


export const linkStatesFr = {
  joinQueue: {
    title: "Rejoindre la file d'attente ?",
    explain: (member: string) =>
      `Ce panier est déjà réservé : ${member} répond d'abord à cette réservation. S'il se libère, il sera proposé à la personne suivante dans la file, et vous serez prévenu·e par e-mail.`,
    button: "Rejoindre la file d'attente",
  },
  reserveAuto: (member: string) =>
    `${member} a choisi l'acceptation automatique : dès que vous appuyez sur « Réserver », le panier est à vous, sans attendre de validation. Un e-mail vous donne ensuite ses coordonnées et le lieu de la distribution.`,
  withdrawQueued: "Vous quitterez la file d'attente de ce panier. Rien ne change pour les autres personnes.",
  withdrawAccepted: (member: string) =>
    `${member} sera prévenu·e. La personne suivante dans la file prendra le relais, ou le panier sera proposé à nouveau aux intermittents.`,
  /** When the link's action no longer applies: a title and what happened. */
  standstills: {
    gone: {
      title: "Ce panier n'est plus en ligne",
      body: () => "Ce panier et ses réservations ne sont plus dans l'espace intermittents. Rien n'a été modifié.",
    },
    past: {
      title: "C'est trop tard",
      body: () => "La distribution de ce panier a commencé : il n'y a plus rien à faire.",
    },
    cancelled: {
      title: "Ce panier a été annulé",
      body: () => "Il n'est plus proposé : il n'y a plus rien à faire.",
    },
    distribution_cancelled: {
      title: "La distribution est annulée",
      body: () => "Ce panier n'est donc plus proposé : il n'y a plus rien à faire.",
    },
    taken: {
      title: "Ce panier a déjà trouvé preneur",
      body: () => "Une autre personne le prend. D'autres paniers vous attendent peut-être.",
    },
    own_offer: {
      title: "C'est votre panier",
      body: () => "C'est votre propre panier : vous ne pouvez pas le réserver.",
    },
    not_intermittent: {
      title: "Vous n'êtes plus sur la liste des intermittents",
      body: () => "Pour réserver un panier, il faut être inscrit·e sur la liste des intermittents.",
    },
    mine_pending: {
      title: "Vous avez déjà réservé ce panier",
      body: ({ member }: StateWords) => `Votre réservation attend la réponse ${ofName(member)} : vous recevrez un e-mail dès qu'elle arrive.`,
    },
    mine_queued: {
      title: "Vous êtes déjà dans la file d'attente",
      body: ({ position }: StateWords) =>
        `Vous êtes en ${rank(position ?? 1)} position dans la file d'attente de ce panier : vous serez prévenu·e s'il se libère.`,
    },
    mine_accepted: {
      title: "Ce panier est pour vous",
      body: () => "Votre réservation est acceptée : tous les détails sont dans « Mes paniers échangés ».",
    },
    already_accepted: {
      title: "Cette réservation est déjà acceptée",
      body: ({ intermittent }: StateWords) =>
        `${intermittent} prend votre panier : ses coordonnées sont dans « Mes paniers échangés ». Il n'y a plus rien à refuser ni à valider.`,
    },
    already_declined: {
      title: "Cette réservation est déjà refusée",
      body: ({ intermittent }: StateWords) => `La réservation ${ofName(intermittent)} a déjà été refusée : il n'y a plus rien à faire.`,
    },
    withdrawn_by_them: {
      title: "Cette réservation est annulée",
      body: ({ intermittent }: StateWords) => `${intermittent} a annulé sa réservation : il n'y a plus rien à décider.`,
    },
    already_withdrawn: {
      title: "Votre réservation est déjà annulée",
      body: () => "Vous l'avez annulée : il n'y a plus rien à faire.",
    },
    not_retained: {
      title: "Votre réservation n'a pas été retenue",
      body: () => "Le panier ne sera pas pour vous cette fois-ci : il n'y a plus rien à annuler.",
    },
    refused: {
      title: "Il n'y a plus rien à faire",
      /** The refusal's own sentence is shown instead (fr.exchange.refusals). */
      body: () => "",
    },
  } satisfies Record<Standstill, { title: string; body: (words: StateWords) => string }>,
  /** The next useful step, instead of the button. */
  next: {
    baskets: "Voir les autres paniers",
    mine: "Voir mes paniers échangés",
    list: "Me réinscrire",
  },
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(linkStatesFr);
