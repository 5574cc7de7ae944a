// The référents' sign sheet (émargement) and statistics pages, their PDF and
// CSV files, in French. Kept apart from fr.ts so catalogues grow side by side.

import { typesetInPlace } from "@/lib/domain/french";
import { ofName } from "./grammar";

/** "1 panier", "3 paniers". */
const baskets = (n: number) => `${n} panier${n > 1 ? "s" : ""}`;

/** "Légumes — grand panier", "2 × Œufs — boîte de 6". */
const basketLine = (quantity: number, label: string) => (quantity > 1 ? `${quantity} × ${label}` : label);

export const adminSheetFr = {
  /** Entries of the /admin index: [label, description], as fr.admin.sections. */
  sections: {
    sheet: ["Feuilles d'émargement", "La feuille à signer de chaque distribution, à imprimer ou en PDF : qui récupère quel panier, ce qui reste à donner."],
    stats: ["Statistiques", "Paniers proposés, échangés, non repris et annulés par mois, paniers repris par intermittent·e ; export CSV."],
  },
  sheet: {
    indexTitle: "Feuilles d'émargement",
    indexIntro:
      "Choisissez une distribution : sa feuille liste chaque panier à remettre, par amapien·ne, avec une colonne pour signer. Un panier échangé est signé par son repreneur, au nom de l'amapien·ne.",
    upcoming: "À venir",
    recent: "Passées",
    noneUpcoming: "Aucune distribution à venir.",
    noneRecent: "Aucune distribution ces dernières semaines.",
    cancelledBadge: "Annulée",
    /** "2 paniers échangés · 1 panier proposé" in the list of distributions. */
    activity: (taken: number, offered: number, unclaimed: number) =>
      [
        taken > 0 ? `${baskets(taken)} échangé${taken > 1 ? "s" : ""}` : null,
        offered > 0 ? `${baskets(offered)} proposé${offered > 1 ? "s" : ""}` : null,
        unclaimed > 0 ? `${baskets(unclaimed)} non repris` : null,
      ]
        .filter(Boolean)
        .join(" · ") || "Aucun panier cédé",
    metaTitle: "Feuille d'émargement",
    title: "Feuille d'émargement",
    /** The heading of the printed sheet and of the PDF. */
    heading: (amapName: string) => `${amapName} — feuille d'émargement`,
    back: "Toutes les distributions",
    print: "Imprimer",
    printHint: "La feuille s'imprime seule, sans le menu, au format A4.",
    pdf: "Télécharger le PDF",
    cancelled: "Cette distribution est annulée.",
    summary: (members: number, total: number, taken: number) =>
      `${members} amapien·ne${members > 1 ? "s" : ""}, ${baskets(total)}` +
      (taken > 0 ? `, dont ${taken} récupéré${taken > 1 ? "s" : ""} par un·e intermittent·e` : ""),
    columns: {
      member: "Amapien·ne",
      baskets: "Paniers",
      takenBy: "Récupéré par",
      signature: "Signature",
    },
    tableCaption: (slot: string) => `Paniers à remettre le ${slot}`,
    basketLine,
    state: {
      sign: "à signer",
      taken: (taker: string, member: string) => `récupéré par ${taker || "un·e intermittent·e"} pour ${member}`,
      offered: "proposé, pas encore repris",
      unclaimed: "non repris : à donner",
    },
    noBaskets: "Aucun panier à remettre à cette distribution.",
    leftoverTitle: "Paniers à donner",
    leftoverTitleBefore: "Paniers pas encore repris",
    leftoverIntroBefore: "S'ils ne trouvent pas preneur d'ici la distribution, ils seront à donner.",
    noLeftover: "Aucun panier à donner.",
    /** "Légumes — grand panier d'Emma Laurent (proposé, pas encore repris)". */
    leftoverLine: (quantity: number, label: string, member: string) => `${basketLine(quantity, label)} ${ofName(member)}`,
    pdfFooter: (printedOn: string, page: number, pages: number) => `Imprimée le ${printedOn} — page ${page}/${pages}`,
  },
  stats: {
    metaTitle: "Statistiques",
    title: "Statistiques",
    intro:
      "Les paniers cédés, mois par mois (mois de la distribution), et les paniers repris par chaque intermittent·e. Les offres anciennes sont effacées après la durée de conservation, mais leurs chiffres restent ici.",
    monthlyTitle: "Par mois",
    chartTitle: "Paniers proposés par mois",
    chartDescription: (months: number) =>
      `Graphique en barres des ${months} derniers mois : pour chaque mois, les paniers proposés, répartis en échangés, non repris, annulés et en cours. Les mêmes chiffres sont dans le tableau ci-dessous.`,
    legendTitle: "Légende",
    series: {
      exchanged: "Échangés",
      unclaimed: "Non repris",
      cancelled: "Annulés",
      pending: "En cours",
    },
    columns: {
      month: "Mois",
      offered: "Proposés",
      exchanged: "Échangés",
      pending: "En cours",
      unclaimed: "Non repris",
      cancelled: "Annulés",
      intermittent: "Intermittent·e",
      taken: "Paniers repris",
    },
    tableCaption: "Paniers par mois",
    total: "Total",
    noData: "Aucun panier n'a encore été cédé.",
    intermittentsTitle: "Par intermittent·e",
    intermittentsCaption: "Paniers repris par intermittent·e, depuis le début",
    noIntermittents: "Aucun panier n'a encore été repris.",
    exportMonthly: "Exporter les mois (CSV)",
    exportIntermittents: "Exporter les intermittents (CSV)",
    csvMonthlyHeader: ["Mois", "Paniers proposés", "Paniers échangés", "Paniers non repris", "Paniers annulés"],
    csvIntermittentsHeader: ["Mois", "Intermittent·e", "Paniers repris"],
    unknownPerson: "(compte supprimé)",
  },
  notFound: "Introuvable.",
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(adminSheetFr);
