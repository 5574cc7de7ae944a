// The référents' calendar (/admin/calendrier): places, contracts and
// distributions, in French. Kept apart from fr.ts so the admin sections can
// grow without editing one shared file; pure data and small formatters.
import { typesetInPlace } from "@/lib/domain/french";
import type { CalendarField, CalendarRefusal, FieldError } from "@/lib/domain/calendar";
import { notifiedByEmail } from "./grammar";

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export { notifiedByEmail };

export const adminCalendarFr = {
  /** The entry on the /admin index page. */
  index: {
    label: "Calendrier des distributions",
    description: "Les lieux, les contrats et les dates de distribution : générer une saison, déplacer ou annuler une date.",
  },
  nav: {
    label: "Sections du calendrier",
    distributions: "Distributions",
    places: "Lieux",
    contracts: "Contrats",
  },
  distributions: {
    title: "Calendrier des distributions",
    intro: "Les distributions mois par mois. Les paniers proposés suivent leur date quand elle est déplacée.",
    period: (from: string, to: string) => `De ${from} à ${to}`,
    earlier: "← Plus tôt",
    later: "Plus tard →",
    emptyMonth: "Aucune distribution ce mois-ci.",
    monthCount: (n: number) => (n === 0 ? "aucune" : plural(n, "1 distribution", `${n} distributions`)),
    needSetup: "Pour créer des distributions, il faut d'abord un lieu et un contrat actif.",
    setupPlaces: "Ajouter un lieu",
    setupContracts: "Ajouter un contrat",
    cancelled: "Annulée",
    cancelledBecause: (reason: string) => `Motif : ${reason}`,
    past: "Passée",
    offers: (n: number) => (n === 0 ? "Aucun panier proposé" : plural(n, "1 panier proposé", `${n} paniers proposés`)),
    noContracts: "Aucun contrat livré",
    inactiveContract: (label: string) => `${label} (désactivé)`,
    move: "Déplacer",
    moveHint:
      "Même lieu, nouveau jour ou nouvel horaire. Les amapiens qui ont un panier ce jour-là et les personnes qui ont réservé un panier reçoivent la nouvelle date par e-mail.",
    moveSubmit: "Déplacer la distribution",
    moved: (slot: string, notified: number) => `La distribution est déplacée : ${slot}. ${notifiedByEmail(notified)}`,
    contracts: "Contrats livrés",
    contractsSubmit: "Enregistrer les contrats",
    contractsSaved: "Les contrats livrés sont enregistrés.",
    cancel: "Annuler la distribution",
    cancelHint:
      "La date reste affichée comme annulée. Les paniers proposés pour cette date sont annulés ; les amapiens qui ont un panier ce jour-là et les personnes qui avaient réservé un panier reçoivent le motif par e-mail.",
    cancelSubmit: "Annuler la distribution",
    cancelDone: (offers: number, notified: number) =>
      `${
        offers === 0
          ? "La distribution est annulée."
          : `La distribution est annulée, ainsi que ${plural(offers, "le panier proposé", `les ${offers} paniers proposés`)}.`
      } ${notifiedByEmail(notified)}`,
    cancelIncomplete: (left: number, notified: number) =>
      `La distribution est annulée, mais ${plural(left, "1 panier proposé n'a", `${left} paniers proposés n'ont`)} pas pu être annulé${left === 1 ? "" : "s"}. Réessayez ci-dessous. ${notifiedByEmail(notified)}`,
    remaining: (n: number) =>
      plural(n, "1 panier est encore proposé pour cette date annulée.", `${n} paniers sont encore proposés pour cette date annulée.`),
    remainingSubmit: "Annuler ces paniers",
    seriesTitle: "Générer une saison",
    seriesIntro: "Une distribution chaque semaine, le même jour, au même lieu et aux mêmes heures. Les jours où ce lieu a déjà une distribution sont laissés tels quels.",
    seriesSubmit: "Générer les distributions",
    seriesDone: (created: number, skipped: number) => {
      const made = created === 0 ? "Aucune distribution créée" : plural(created, "1 distribution créée", `${created} distributions créées`);
      return skipped === 0 ? `${made}.` : `${made} ; ${plural(skipped, "1 date existait déjà", `${skipped} dates existaient déjà`)}.`;
    },
    addTitle: "Ajouter une date",
    addIntro: "Une distribution en dehors de la saison, par exemple avant les vacances.",
    addSubmit: "Ajouter la date",
    added: (slot: string) => `Date ajoutée : ${slot}.`,
  },
  places: {
    title: "Lieux de distribution",
    intro: "Où se tiennent les distributions. L'adresse et les indications d'accès sont données aux personnes qui récupèrent un panier.",
    empty: "Aucun lieu pour le moment.",
    upcoming: (n: number) => (n === 0 ? "Aucune distribution à venir" : plural(n, "1 distribution à venir", `${n} distributions à venir`)),
    edit: "Modifier",
    editSubmit: "Enregistrer le lieu",
    saved: "Le lieu est enregistré.",
    addTitle: "Ajouter un lieu",
    addSubmit: "Ajouter le lieu",
    added: "Le lieu est ajouté.",
  },
  contracts: {
    title: "Contrats",
    intro:
      "Les paniers des producteurs. Un nouveau prix vaut pour les paniers proposés ensuite. Un contrat désactivé n'est plus proposé pour les nouvelles dates ; les dates déjà prévues restent.",
    empty: "Aucun contrat pour le moment.",
    producer: (name: string) => `Producteur·rice : ${name}`,
    inactive: "Désactivé",
    edit: "Modifier",
    editSubmit: "Enregistrer le contrat",
    saved: "Le contrat est enregistré.",
    deactivate: "Désactiver",
    reactivate: "Réactiver",
    deactivated: "Le contrat est désactivé.",
    reactivated: "Le contrat est de nouveau actif.",
    addTitle: "Ajouter un contrat",
    addSubmit: "Ajouter le contrat",
    added: "Le contrat est ajouté.",
  },
  fields: {
    name: "Nom",
    address: "Adresse",
    accessNotes: "Indications d'accès",
    product: "Produit",
    producer: "Producteur·rice",
    size: "Taille",
    price: "Prix d'un panier (€)",
    placeId: "Lieu",
    weekday: "Jour de la semaine",
    from: "Premier jour",
    to: "Dernier jour",
    date: "Date",
    start: "Début",
    end: "Fin",
    contractIds: "Contrats livrés",
    reason: "Motif de l'annulation",
  } satisfies Record<CalendarField, string>,
  hints: {
    accessNotes: "Facultatif. Par exemple : entrée par la cour, sonner à l'atelier.",
    address: "Facultatif, mais utile aux intermittents qui ne connaissent pas le lieu.",
    product: "Par exemple : Légumes, Œufs, Pain.",
    size: "Facultatif. Par exemple : grand panier, boîte de 6.",
    price: "Par exemple : 22,50",
    reason: "Envoyé aux amapiens qui ont un panier ce jour-là et aux personnes qui avaient réservé un panier pour cette date.",
  },
  choosePlace: "Choisissez un lieu",
  chooseWeekday: "Choisissez un jour",
  /** Indexed like Date#getDay: 0 = dimanche. */
  weekdays: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
  /** The order a French week is shown in. */
  weekOrder: [1, 2, 3, 4, 5, 6, 0],
  refusals: {
    not_referent: "Réservé aux référents.",
    not_found: "Ce lieu, ce contrat ou cette distribution n'existe pas ou plus. Rechargez la page.",
    invalid: "Certains champs sont à corriger.",
    slot_taken: "Ce lieu a déjà une distribution ce jour-là ou à cette heure-là. Choisissez une autre date ou un autre horaire.",
    cancelled: "Cette distribution est annulée : elle ne peut plus être modifiée.",
    started: "Cette distribution a commencé ou est passée : elle ne peut plus être modifiée.",
    contract_offered:
      "Des paniers de ce contrat sont proposés pour cette date : il ne peut pas en être retiré tant qu'ils ne sont pas annulés.",
  } satisfies Record<CalendarRefusal, string>,
  fieldErrors: {
    required: "À remplir.",
    too_long: "Trop long.",
    /** Shown as textFr.invalidCharacter(field) by the forms, which name the field. */
    invalid_text: "Contient un caractère invisible ou de contrôle, souvent venu d'un copier-coller : retapez ce texte.",
    invalid_time: "Heure invalide : écrivez par exemple 18:30.",
    hours_order: "La fin doit venir après le début.",
    invalid_price: "Prix invalide : écrivez par exemple 22,50 (1 000 € au plus).",
    invalid_date: "Date invalide : écrivez par exemple 05/05/2026.",
    date_past: "Cette date est passée.",
    time_past: "Cette heure est déjà passée aujourd'hui.",
    time_skipped: "Cette heure n'existe pas ce jour-là : à 2 h, on passe à 3 h (heure d'été). Choisissez une autre heure.",
    time_twice: "Cette heure existe deux fois ce jour-là : à 3 h, on revient à 2 h (heure d'hiver). Choisissez une autre heure.",
    dates_order: "Le dernier jour doit venir après le premier.",
    range_too_long: "Une saison dure un an au plus.",
    invalid_weekday: "Choisissez un jour de la semaine.",
    no_date: "Ce jour de la semaine ne tombe pas entre ces deux dates (ou leurs heures sont passées).",
    no_contract: "Cochez au moins un contrat.",
    unknown_place: "Choisissez un lieu dans la liste.",
    unknown_contract: "Un des contrats choisis n'existe plus ou est désactivé.",
  } satisfies Record<FieldError, string>,
  /** The reason an offer carries when its distribution is cancelled (shown in the offer's emails and pages). */
  offerCancelReason: (reason: string) => `Distribution annulée par les référents : ${reason}`,
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(adminCalendarFr);
