// The référents' pages on members and subscriptions (/admin/amapiens), in
// French: list, person and subscription forms, and the CSV import. Kept
// apart from fr.ts so the admin sections can grow side by side; an English
// locale would add an admin-members-en.ts of the same shape.

import { typesetInPlace } from "@/lib/domain/french";
import type { CsvError } from "@/lib/domain/csv";
import type { FileError, ImportColumn, ImportCounts, PersonStep, RowError, SubscriptionStep } from "@/lib/domain/member-import";
import type { SubscriptionState } from "@/lib/domain/subscriptions";
import { notifiedByEmail } from "./admin-calendar-fr";
import { textFr } from "./text-fr";

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
const day = (date: string) => date.split("-").reverse().join("/");
const list = (items: readonly string[], max = 8) =>
  items.length > max ? `${items.slice(0, max).map((i) => `« ${i} »`).join(", ")}…` : items.map((i) => `« ${i} »`).join(", ");

const columnNames: Record<ImportColumn, string> = {
  email: "email",
  prenom: "prenom",
  nom: "nom",
  telephone: "telephone",
  contrat: "contrat",
  quantite: "quantite",
  debut: "debut",
  fin: "fin",
};

const rowErrors: { [K in RowError["code"]]: (e: Extract<RowError, { code: K }>) => string } = {
  too_many_cells: (e) =>
    `La ligne a ${e.cells} cases pour ${e.columns} colonnes : une virgule ou un point-virgule dans une case sans guillemets ?`,
  email_missing: () => "Adresse e-mail manquante.",
  email_invalid: (e) => `Adresse e-mail invalide : « ${e.value} ».`,
  email_example: () => "C'est une ligne d'exemple du modèle : remplacez-la par une vraie personne, ou supprimez-la.",
  first_name_missing: () => "Prénom manquant : il est obligatoire pour une personne que l'AMAP ne connaît pas encore.",
  first_name_invalid: () => "Prénom trop long (80 caractères au plus) ou invalide.",
  last_name_invalid: () => "Nom trop long (80 caractères au plus) ou invalide.",
  phone_invalid: (e) => `Numéro de téléphone invalide : « ${e.value} ».`,
  email_characters: (e) => textFr.invalidCell("email", e.codePoint),
  first_name_characters: (e) => textFr.invalidCell("prenom", e.codePoint),
  last_name_characters: (e) => textFr.invalidCell("nom", e.codePoint),
  phone_characters: (e) => textFr.invalidCell("telephone", e.codePoint),
  contract_characters: (e) => textFr.invalidCell("contrat", e.codePoint),
  contract_missing: () => "Contrat manquant : une quantité ou des dates sont données sans contrat.",
  contract_unknown: (e) =>
    e.known.length > 0
      ? `Contrat inconnu : « ${e.value} ». Contrats possibles : ${list(e.known)}.`
      : `Contrat inconnu : « ${e.value} ». Aucun contrat actif n'est enregistré.`,
  contract_ambiguous: (e) => `Contrat ambigu : « ${e.value} ». Précisez lequel : ${list(e.candidates)}.`,
  contract_inactive: (e) => `Le contrat « ${e.value} » n'est plus actif.`,
  quantity_invalid: (e) => `Quantité invalide : « ${e.value} » (un nombre entier de 1 à 99).`,
  start_missing: () => "Date de début manquante.",
  start_invalid: (e) => `Date de début invalide : « ${e.value} » (AAAA-MM-JJ ou JJ/MM/AAAA).`,
  end_missing: () => "Date de fin manquante.",
  end_invalid: (e) => `Date de fin invalide : « ${e.value} » (AAAA-MM-JJ ou JJ/MM/AAAA).`,
  end_before_start: () => "La date de fin précède la date de début.",
  duplicate_line: (e) => `Même souscription que la ligne ${e.line} : ligne en double.`,
  overlap: (e) =>
    `Cette personne a déjà ce contrat du ${day(e.startsOn)} au ${day(e.endsOn)}, ce qui chevauche ces dates : corrigez sa souscription depuis sa fiche.`,
  overlap_line: (e) => `Chevauche la souscription de la ligne ${e.line} au même contrat.`,
};

const csvErrors: { [K in CsvError["code"]]: (e: Extract<CsvError, { code: K }>) => string } = {
  too_large: (e) => `Le fichier est trop gros (${e.maxChars.toLocaleString("fr-FR")} caractères au plus) : importez-le en plusieurs fois.`,
  too_many_rows: (e) => `Le fichier a trop de lignes (${(e.maxRows - 1).toLocaleString("fr-FR")} au plus) : importez-le en plusieurs fois.`,
  unclosed_quote: (e) => `Un guillemet ouvert ligne ${e.line} n'est jamais refermé.`,
};

export const adminMembersFr = {
  title: "Amapiens et souscriptions",
  /** For the /admin index. */
  intro: "Chercher, ajouter et modifier les amapiens et leurs contrats ; importer ou exporter un fichier CSV.",
  backToList: "Tous les amapiens",
  /** The CSV routes' answer to anyone but a référent. */
  notFound: "Introuvable.",

  list: {
    searchLabel: "Rechercher (nom, prénom ou adresse e-mail)",
    searchSubmit: "Rechercher",
    showAll: "Tout afficher",
    add: "Ajouter une personne",
    import: "Importer (CSV)",
    export: "Exporter (CSV)",
    count: (n: number, query: string) =>
      query ? `${plural(n, "résultat", "résultats")} pour « ${query} »` : plural(n, "personne", "personnes"),
    noMatch: "Personne ne correspond à cette recherche.",
    /** The search held a control or invisible character (a NUL typed into the URL…): nothing was looked up. */
    invalidSearch: (codePoint: string) => textFr.invalidCharacter("Rechercher", codePoint),
    empty: "Aucune personne enregistrée pour le moment.",
    truncated: (n: number) => `Seules les ${n} premières personnes sont affichées : affinez la recherche.`,
    noCurrent: "Aucun contrat en cours",
    /** The list's accessible name. */
    label: "Amapiens",
  },

  person: {
    fields: { email: "Adresse e-mail", firstName: "Prénom", lastName: "Nom", phone: "Téléphone (facultatif)" },
    /** The fields as a message names them. */
    fieldNames: { email: "Adresse e-mail", firstName: "Prénom", lastName: "Nom", phone: "Téléphone" },
    fieldErrors: {
      email: "Adresse e-mail invalide.",
      firstName: "Indiquez un prénom (80 caractères au plus).",
      lastName: "Nom trop long (80 caractères au plus) ou invalide.",
      phone: "Numéro de téléphone invalide.",
    },
    newTitle: "Ajouter une personne",
    newIntro: "Ses souscriptions s'ajoutent ensuite depuis sa fiche.",
    create: "Enregistrer",
    created: "La personne est enregistrée. Ajoutez-lui ses souscriptions ci-dessous.",
    detailsTitle: "Coordonnées",
    save: "Enregistrer les coordonnées",
    saved: "Coordonnées enregistrées.",
    /** After an address change: the old address is told, the sessions are closed. */
    emailChanged: "L'ancienne adresse est prévenue du changement par e-mail, et les sessions ouvertes sur ce compte sont fermées.",
    referent: "Référent·e",
  },

  subscriptions: {
    title: "Souscriptions",
    none: "Aucune souscription.",
    addTitle: "Ajouter une souscription",
    noContracts: "Aucun contrat actif : créez d'abord les contrats de l'AMAP.",
    fields: { contractId: "Contrat", quantity: "Quantité", startsOn: "Début", endsOn: "Fin (dernier jour)" },
    chooseContract: "Choisir un contrat",
    fieldErrors: {
      contractId: "Choisissez un contrat actif.",
      quantity: "Un nombre entier de 1 à 99.",
      startsOn: "Date invalide.",
      endsOn: "Date invalide, ou avant le début.",
    },
    add: "Ajouter la souscription",
    added: "Souscription ajoutée.",
    edit: "Modifier",
    save: "Enregistrer",
    updated: "Souscription modifiée.",
    end: "Terminer",
    endLabel: "Dernier jour de la souscription",
    endHelp: "Une date entre le début et la fin actuelle ; les paniers après cette date ne sont plus les siens.",
    endSubmit: "Terminer la souscription",
    ended: "Souscription terminée.",
    /** After ending or correcting a subscription that had baskets offered outside its new period. */
    offersWithdrawn: (offers: number, notified: number) =>
      offers === 0
        ? ""
        : `${offers === 1 ? "Le panier proposé pour une date en dehors de la souscription est retiré" : `Les ${offers} paniers proposés pour des dates en dehors de la souscription sont retirés`}. ${notifiedByEmail(notified)}`,
    /** The reason an offer carries when its subscription no longer covers its date (shown on the offer's pages). */
    offerCancelReason: "Contrat modifié par les référents : ce panier n'en fait plus partie.",
    endInvalid: "Choisissez un dernier jour entre le début et la fin actuelle de la souscription.",
    line: (contract: string, quantity: number) => (quantity > 1 ? `${contract} × ${quantity}` : contract),
    period: (startsOn: string, endsOn: string) => `du ${day(startsOn)} au ${day(endsOn)}`,
    states: { current: "en cours", upcoming: "à venir", ended: "terminée" } satisfies Record<SubscriptionState, string>,
  },

  refusals: {
    not_referent: "Réservé aux référents.",
    not_found: "Cette personne ou cette souscription n'existe plus.",
    invalid_person: "Certains champs sont à corriger.",
    email_taken: "Cette adresse e-mail est déjà celle d'une autre personne.",
    invalid_subscription: "Certains champs de la souscription sont à corriger.",
    contract_not_found: "Ce contrat n'existe pas ou n'est plus actif.",
    overlap: "Cette personne a déjà une souscription à ce contrat sur une partie de ces dates.",
    conflict: "Quelqu'un a modifié les mêmes données au même moment : rien n'a été enregistré. Réessayez.",
  },

  import: {
    title: "Importer des amapiens (CSV)",
    intro:
      "Un fichier avec une ligne par souscription, exporté d'un tableur (LibreOffice, Excel…). Rien n'est enregistré avant que vous ayez vu le résultat de la vérification.",
    template: "Télécharger le modèle (CSV)",
    formatTitle: "Le format",
    formatIntro:
      "La première ligne nomme les colonnes, dans n'importe quel ordre ; les colonnes inconnues sont ignorées. Séparateur point-virgule, virgule ou tabulation.",
    columns: [
      ["email", "obligatoire ; une adresse déjà connue (majuscules ou non) désigne la même personne"],
      ["prenom", "obligatoire pour une nouvelle personne"],
      ["nom", "facultatif"],
      ["telephone", "facultatif"],
      [
        "contrat",
        "le panier tel que le site l'écrit (« Légumes — grand panier »), ou le produit seul s'il n'y a qu'un contrat actif pour lui ; vide : la personne seule, sans souscription",
      ],
      ["quantite", "de 1 à 99 ; vide : 1"],
      ["debut", "AAAA-MM-JJ ou JJ/MM/AAAA"],
      ["fin", "le dernier jour, AAAA-MM-JJ ou JJ/MM/AAAA"],
    ] as const satisfies readonly (readonly [ImportColumn, string])[],
    formatRules:
      "Le nom et le téléphone d'une personne déjà connue ne sont jamais écrasés : ils sont seulement complétés s'ils sont vides. Une souscription identique (même personne, même contrat, mêmes dates) n'est pas ajoutée deux fois : importer deux fois le même fichier ne change rien.",
    /** The template's example lines (their addresses end in @exemple.invalid, which the import refuses). */
    templateExample: {
      contracts: ["Légumes — grand panier", "Œufs — boîte de 6"],
      people: [
        { emailName: "camille.dupont", firstName: "Camille", lastName: "Dupont", phone: "06 12 34 56 78" },
        { emailName: "dominique.martin", firstName: "Dominique", lastName: "Martin", phone: "" },
      ],
    },
    fileLabel: "Fichier CSV",
    textLabel: "… ou collez ici le contenu du fichier",
    verify: "Vérifier",
    invalidInput: "Le formulaire envoyé est incomplet : rechargez la page et recommencez.",
    noInput: "Choisissez un fichier ou collez son contenu, puis « Vérifier ».",
    fileTooLarge: "Le fichier est trop gros : importez-le en plusieurs fois.",
    previewTitle: "Vérification",
    ignoredColumns: (names: readonly string[]) => `Colonnes ignorées : ${list(names)}.`,
    summary: (c: ImportCounts) => {
      const parts = [
        c.membersCreated ? plural(c.membersCreated, "personne à créer", "personnes à créer") : "",
        c.membersUpdated ? plural(c.membersUpdated, "fiche à compléter", "fiches à compléter") : "",
        c.subscriptionsCreated ? plural(c.subscriptionsCreated, "souscription à ajouter", "souscriptions à ajouter") : "",
        c.subscriptionsUpdated ? plural(c.subscriptionsUpdated, "quantité à modifier", "quantités à modifier") : "",
        c.unchanged ? plural(c.unchanged, "ligne déjà à jour", "lignes déjà à jour") : "",
        c.invalid ? plural(c.invalid, "ligne avec des erreurs, qui ne sera pas importée", "lignes avec des erreurs, qui ne seront pas importées") : "",
      ].filter(Boolean);
      return `${plural(c.lines, "ligne lue", "lignes lues")} : ${parts.join(", ")}.`;
    },
    nothingNew: "Rien de nouveau à importer : les lignes valides sont déjà enregistrées.",
    noValidLine: "Aucune ligne valide à importer : corrigez le fichier, puis vérifiez-le à nouveau.",
    tableCaption: "Le résultat de la vérification, ligne par ligne",
    headers: { line: "Ligne", content: "Contenu", contentAndResult: "Contenu et résultat", result: "Résultat" },
    lineOk: "OK",
    lineError: "Erreur",
    withoutContract: "sans contrat",
    personSteps: {
      create: "nouvelle personne",
      fill: "fiche complétée",
      keep: "personne déjà connue",
    } satisfies Record<PersonStep["kind"], string>,
    filledFields: { firstName: "prénom", lastName: "nom", phone: "téléphone" },
    subscriptionSteps: {
      none: "",
      create: "nouvelle souscription",
      quantity: "quantité modifiée",
      keep: "souscription déjà enregistrée",
    } satisfies Record<SubscriptionStep["kind"], string>,
    submit: "Importer les lignes valides",
    done: (c: ImportCounts, invalidLines: readonly number[]) => {
      const parts = [
        c.membersCreated ? plural(c.membersCreated, "personne créée", "personnes créées") : "",
        c.membersUpdated ? plural(c.membersUpdated, "fiche complétée", "fiches complétées") : "",
        c.subscriptionsCreated ? plural(c.subscriptionsCreated, "souscription ajoutée", "souscriptions ajoutées") : "",
        c.subscriptionsUpdated ? plural(c.subscriptionsUpdated, "quantité modifiée", "quantités modifiées") : "",
      ].filter(Boolean);
      const skipped = invalidLines.length
        ? ` ${plural(invalidLines.length, "ligne ignorée", "lignes ignorées")} pour ses erreurs (${invalidLines.length > 1 ? "lignes" : "ligne"} ${invalidLines.slice(0, 20).join(", ")}${invalidLines.length > 20 ? "…" : ""}).`
        : "";
      return `Import terminé : ${parts.join(", ")}.${skipped}`;
    },
    doneNothing: "Import terminé : rien n'a changé, tout était déjà enregistré.",
    seeList: "Voir la liste des amapiens",
    rowError: (error: RowError) => (rowErrors[error.code] as (e: RowError) => string)(error),
    fileError: (error: FileError): string => {
      switch (error.code) {
        case "no_rows":
          return "Le fichier ne contient aucune ligne à importer (la première ligne nomme les colonnes).";
        case "missing_email_column":
          return "La première ligne doit nommer les colonnes (email;prenom;nom;telephone;contrat;quantite;debut;fin) : la colonne « email » est introuvable.";
        case "duplicate_column":
          return `La colonne « ${columnNames[error.column]} » apparaît deux fois.`;
        default:
          return (csvErrors[error.code] as (e: CsvError) => string)(error);
      }
    },
  },
} as const;

// French spaces in every string, and in what every function returns (DESIGN.md §10).
typesetInPlace(adminMembersFr);
